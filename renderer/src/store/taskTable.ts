import { create } from 'zustand';
import type { SortingState } from '@tanstack/react-table';
import type { TaskFilter } from '../../../shared/tracking/taskFilter';

export type TableMode = 'mine' | 'all';

interface TaskTableState {
  /** null until the user chooses: department PCs start on 我的任务, supervisor PCs on 全部任务. */
  mode: TableMode | null;
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
  mode: null,
  filter: {},
  sorting: [],
  setMode: (mode) => set({ mode }),
  setFilter: (patch) => set((s) => ({ filter: { ...s.filter, ...patch } })),
  clearFilter: () => set({ filter: {} }),
  setSorting: (sorting) => set({ sorting }),
  showTasks: (filter) => set({ mode: 'all', filter }),
}));
