/** The row and clause a user points at or picks; highlighted in every view at once. */
export interface Selection {
  row: number | null;
  clause: number | null;
}

export const NO_SELECTION: Selection = { row: null, clause: null };
