import { create } from 'zustand';
import type { SortingState } from '@tanstack/react-table';
import type { TaskFilter } from '../../../shared/tracking/taskFilter';

export type TableMode = 'mine' | 'all';

interface TaskTableState {
  mode: TableMode;
  filter: TaskFilter;
  sorting: SortingState;
  setMode(mode: TableMode): void;
  setFilter(patch: Partial<TaskFilter>): void;
  clearFilter(): void;
  setSorting(sorting: SortingState): void;
  /** Click-through from the supervisor view: all tasks, filtered. */
  showTasks(filter: TaskFilter): void;
}

export const useTaskTable = create<TaskTableState>()((set) => ({
  mode: 'mine',
  filter: {},
  sorting: [],
  setMode: (mode) => set({ mode }),
  setFilter: (patch) => set((s) => ({ filter: { ...s.filter, ...patch } })),
  clearFilter: () => set({ filter: {} }),
  setSorting: (sorting) => set({ sorting }),
  showTasks: (filter) => set({ mode: 'all', filter }),
}));
