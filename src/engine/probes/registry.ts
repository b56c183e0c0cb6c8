/**
 * The ticket-finding methods of SPEC 6, one entry each: id, label, kind, whether the comparison
 * starts with it chosen, and its chart style as keys (the colours themselves are the page's,
 * src/views/palette.ts). This half of the registry is light on purpose: the page's forms, the
 * embed API and the lab schema read it without loading the trainers or tfjs. The other half,
 * maskMakers.ts, gives each id the function that makes its mask; the compiler holds the two to
 * the same ids. Adding a method: README.md, "Adding a method".
 */

/** `probe`: reads a ticket off feature space; `baseline`: scores weights; `reference`: the classic lottery ticket. */
export type MethodKind = 'probe' | 'baseline' | 'reference';
/** Colour keys (views/palette.ts holds the colours). */
export type ColorKey = 'blue' | 'green' | 'grey' | 'orange' | 'vermillion' | 'purple' | 'sky' | 'black';
/** Line patterns: solid, dashed (long), dotted, fine (dense dots). */
export type DashKey = 'solid' | 'dashed' | 'dotted' | 'fine';
/** Point shapes, so no two methods differ by colour alone. */
export type SymbolKey = 'circle' | 'diamond' | 'cross' | 'square' | 'triangle' | 'star' | 'wye';

export interface MethodEntry {
  id: string;
  /** What the method is, in a few words (tooltips, the README). */
  label: string;
  kind: MethodKind;
  /** Chosen in the comparison form from the start (the lab schema's default). */
  inDefault: boolean;
  style: { color: ColorKey; dash: DashKey; symbol: SymbolKey };
}

export const PROBES = [
  { id: 'distance', label: 'distance probe: nearest code at init (d₀)', kind: 'probe', inDefault: true, style: { color: 'blue', dash: 'solid', symbol: 'circle' } },
  { id: 'motion', label: 'motion probe: nearest code after s dense steps', kind: 'probe', inDefault: true, style: { color: 'green', dash: 'solid', symbol: 'diamond' } },
  { id: 'random', label: 'random mask', kind: 'baseline', inDefault: true, style: { color: 'grey', dash: 'dotted', symbol: 'cross' } },
  { id: 'magnitude-init', label: 'magnitude at init |θ₀|', kind: 'baseline', inDefault: true, style: { color: 'orange', dash: 'dashed', symbol: 'square' } },
  { id: 'snip', label: 'SNIP |θ ⊙ ∇L| on the first batch', kind: 'baseline', inDefault: true, style: { color: 'vermillion', dash: 'dashed', symbol: 'triangle' } },
  { id: 'grasp', label: 'GraSP −θ ⊙ Hg on the first batch', kind: 'baseline', inDefault: true, style: { color: 'purple', dash: 'dashed', symbol: 'star' } },
  { id: 'synflow', label: 'SynFlow, data-free, 100 iterations', kind: 'baseline', inDefault: true, style: { color: 'sky', dash: 'dashed', symbol: 'wye' } },
  { id: 'oneshot', label: 'one-shot magnitude after dense training', kind: 'baseline', inDefault: true, style: { color: 'black', dash: 'fine', symbol: 'square' } },
  { id: 'imp', label: 'IMP with rewinding (the reference)', kind: 'reference', inDefault: true, style: { color: 'black', dash: 'solid', symbol: 'triangle' } },
] as const satisfies readonly MethodEntry[];

export type MethodId = (typeof PROBES)[number]['id'];

/** Every method's id, in the registry's order (forms, charts and the API list them so). */
export const METHOD_IDS: readonly MethodId[] = PROBES.map((p) => p.id);

/** The feature-space probes (claim 5 compares each against every other method). */
export const PROBE_IDS: readonly MethodId[] = PROBES.filter((p) => p.kind === 'probe').map((p) => p.id);

/** The methods a comparison starts with. */
export const DEFAULT_METHODS: readonly MethodId[] = PROBES.filter((p) => p.inDefault).map((p) => p.id);

/** The registry entry of `id`. */
export function methodEntry(id: MethodId): (typeof PROBES)[number] {
  return PROBES.find((p) => p.id === id)!;
}
