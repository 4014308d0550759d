/** A plan edit that may not be made; the message is Chinese and shown to the user as it is. */
export class PlanEditRefused extends Error {
  override readonly name = 'PlanEditRefused';
}

/** Who makes a change and its stamp (one stamp for every record of one edit), plus a source of fresh ids. */
export interface EditStamp {
  stamp: string;
  /** Office of the installation making the change. */
  by: string;
}

export interface EditContext extends EditStamp {
  newId(prefix: 'task' | 'sec'): string;
}
