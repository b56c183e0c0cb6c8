/**
 * The lecture tour: eight steps from the task, through training and precursors, to pruning,
 * rewinding and probes. Each step says what to look at (its sentences quote the run on
 * screen, see facts.ts) and sets the page up through store actions (drive.ts).
 *
 *   1 task ─ 2 precursors at init ─ 3 predict, then reveal ─ 4 selection ─ 5 crowding
 *     ─ 6 a lottery ticket ─ 7 re-expression on another row ─ 8 probes
 *
 * Steps 1-4 and 6-8 use one run (the preset "A ticket that re-expresses on another row");
 * step 5 switches to "More clauses than rows" and step 6 switches back.
 */
import { NO_SELECTION } from '../../state/selection';
import { scrollToPanelSoon, type PanelId } from '../../state/panels';
import { presetHelp, PRESETS, type PresetId } from '../../settings/settings';
import type { AppStore } from '../../state/store';
import type { ComparisonForm } from '../../state/comparison';
import type { LotteryForm } from '../../state/lottery';
import { scoreGuesses } from '../../state/guesses';
import { scoreText } from '../GuessPanel';
import { PREDICT_STEP, TOUR_STEPS } from './constants';
import { ensureComparison, ensureLottery, ensurePreset, trainTo, trainToEnd, type TourRun } from './drive';
import { crowdingFacts, initFacts, mostCrowdedRow, movedClause, predictFacts, probeFacts, reexpressionFacts, selectionFacts, taskFacts, ticketAt, ticketFacts } from './facts';

export { TOUR_STEPS, PREDICT_STEP };

type State = ReturnType<AppStore['getState']>;

export interface TourStep {
  title: string;
  /** The panel the step scrolls into view. */
  panel: PanelId;
  /** What to look at, in two or three short paragraphs; null entries are facts still being computed. */
  body(s: State): (string | null)[];
  /** Sets the page up through store actions; true once done, false if the tour moved on first. */
  setup(store: AppStore, run: TourRun): Promise<boolean>;
}

/** The run most of the tour shows, and the one step 5 contrasts it with. */
export const TOUR_PRESET: PresetId = 'reexpress';
export const CROWDED_PRESET: PresetId = 'crowded';
/** The step the prediction pauses at. */
export const PREDICT_AT = 100;
/** The ticket the tour shows: one-shot global magnitude pruning to 50%, rewound to init (as the preset's help says). */
export const TICKET_SPARSITY = 0.5;
export const TOUR_LOTTERY: Partial<LotteryForm> = { mode: 'oneshot', scope: 'global', sparsities: [TICKET_SPARSITY], rewindStep: 0, seedCount: 1 };
/** The probe comparison the tour runs: the two probes against three weight-based finders and random, one seed. */
export const PROBE_SPARSITY = 0.8;
export const TOUR_COMPARISON: Partial<ComparisonForm> = {
  methods: ['distance', 'motion', 'magnitude-init', 'snip', 'oneshot', 'random'],
  sparsities: [PROBE_SPARSITY],
  seedCount: 1,
};

const presetLine = (id: PresetId) => `Preset: ${PRESETS.find((p) => p.id === id)?.label}. ${presetHelp(id)}`.trim();

/** The tour's ticket and the dense codes it is judged against. */
function shownTicket(s: State) {
  const { ticket } = ticketAt(s.lottery.tickets, s.applied.seedInit, TICKET_SPARSITY);
  const dense = s.lottery.dense.find((d) => d.seed === s.applied.seedInit) ?? null;
  return { ticket, index: ticket ? s.lottery.tickets.indexOf(ticket) : -1, denseCodes: dense?.finalCodes ?? null };
}

async function showTicket(store: AppStore, run: TourRun): Promise<boolean> {
  if (!(await ensurePreset(store, TOUR_PRESET, run))) return false;
  if (!(await ensureLottery(store, TOUR_LOTTERY, run)) || !run.alive()) return false;
  const { index } = shownTicket(store.getState());
  if (index >= 0) store.getState().selectTicket(index);
  return true;
}

export const STEPS: readonly TourStep[] = [
  {
    title: 'The task: clauses over random bits',
    panel: 'task',
    body: (s) => [
      'The network reads random bits and answers one yes-or-no question per clause: is every literal of the clause true? Look at the list of clauses; each is one output.',
      s.task ? taskFacts(s.applied, s.task.clauses) : null,
      presetLine(TOUR_PRESET),
    ],
    async setup(store, run) {
      scrollToPanelSoon('task');
      if (!(await ensurePreset(store, TOUR_PRESET, run)) || !(await trainTo(store, 0, run))) return false;
      store.getState().select(NO_SELECTION);
      scrollToPanelSoon('task');
      return true;
    },
  },
  {
    title: 'Feature space at initialization: precursors',
    panel: 'features',
    body: (s) => [
      'Each small target is one clause; its centre is the clause’s code. Every hidden row is a mark at its distance from that code. The ● and ✕ marks are precursors: rows that start close to a clause’s code before any training.',
      initFacts(s.analysis, s.applied),
    ],
    async setup(store, run) {
      scrollToPanelSoon('features', { elementId: 'fs-legend' });
      if (!(await ensurePreset(store, TOUR_PRESET, run)) || !(await trainTo(store, 0, run))) return false;
      const a = store.getState().analysis;
      store.getState().select({ row: a ? mostCrowdedRow(a) : null, clause: null });
      scrollToPanelSoon('features', { elementId: 'fs-legend' });
      return true;
    },
  },
  {
    title: 'Predict, then reveal',
    panel: 'features',
    body: (s) => {
      const score = s.revealed && s.analysisFinal && s.analysis ? scoreText(scoreGuesses(s.guesses, s.analysis.precursors, s.task?.clauses.length ?? 0)) : null;
      return [
        predictFacts(s.analysis, s.step, s.applied.steps),
        'Click the precursor marks you think will be codes at the end: each guess gets a triangle. By keyboard, pick a Row and a Clause in Details and press “Guess: will converge”. Then press Reveal: training runs to the end and the guesses are scored against chance.',
        score ?? (s.revealed ? 'Training to the end…' : `${s.guesses.length} ${s.guesses.length === 1 ? 'guess' : 'guesses'} so far.`),
      ];
    },
    async setup(store, run) {
      scrollToPanelSoon('features', { elementId: 'guesses' });
      if (!(await ensurePreset(store, TOUR_PRESET, run)) || !(await trainTo(store, PREDICT_AT, run))) return false;
      store.getState().select(NO_SELECTION);
      scrollToPanelSoon('features', { elementId: 'guesses' });
      return true;
    },
  },
  {
    title: 'Training selects among the precursors',
    panel: 'analysis',
    body: (s) => [
      'Claim 2 of the paper: training resolves precursors by selection. Each precursor either converges onto its clause’s code or is rejected. Watch the codes-over-time chart and the marks in feature space.',
      selectionFacts(s.analysis, s.analysisFinal) ?? `Training: step ${s.step} of ${s.applied.steps}.`,
    ],
    async setup(store, run) {
      scrollToPanelSoon('analysis');
      if (!(await ensurePreset(store, TOUR_PRESET, run)) || !(await trainToEnd(store, run))) return false;
      scrollToPanelSoon('analysis');
      return true;
    },
  },
  {
    title: 'More clauses than rows: crowding',
    panel: 'analysis',
    body: (s) => [
      'Rejection should be concentrated at crowded rows: rows that start as precursors for many clauses at once. The crowding chart pairs each row’s precursors at init with its codes at the end; the rejection chart splits the rejection rate by crowding.',
      crowdingFacts(s.analysis, s.analysisFinal, s.applied) ?? `Training: step ${s.step} of ${s.applied.steps}.`,
      presetLine(CROWDED_PRESET),
    ],
    async setup(store, run) {
      scrollToPanelSoon('analysis');
      if (!(await ensurePreset(store, CROWDED_PRESET, run)) || !(await trainToEnd(store, run))) return false;
      const a = store.getState().analysis;
      if (a) store.getState().select({ row: mostCrowdedRow(a), clause: null });
      scrollToPanelSoon('analysis');
      return true;
    },
  },
  {
    title: 'Prune, rewind, retrain: a lottery ticket',
    panel: 'lottery',
    body: (s) => [
      `The lab prunes the trained network to its largest weights (one-shot, ${Math.round(100 * TICKET_SPARSITY)}% of the weights removed), rewinds the kept weights to their values at initialization and retrains them, the rest held at zero. Beside it train the same mask from a fresh init and a random mask.`,
      ticketFacts(s.lottery.tickets, s.lottery.dense, s.applied.seedInit, TICKET_SPARSITY, s.lotteryForm.eps) ?? (s.lottery.status === 'running' ? 'Retraining…' : 'Training the dense run first…'),
    ],
    async setup(store, run) {
      scrollToPanelSoon('lottery');
      if (!(await showTicket(store, run))) return false;
      scrollToPanelSoon('lottery');
      return true;
    },
  },
  {
    title: 'The ticket keeps the family, not the row',
    panel: 'lottery',
    body: (s) => {
      const { ticket, denseCodes } = shownTicket(s);
      return [
        'Claim 4: sparse retraining often codes the same clause (its inputs and signs) on a different row. The diagram links each clause’s rows in the dense run (left) to its rows in the ticket (right); dashed links moved.',
        reexpressionFacts(ticket, denseCodes, s.analysis, s.task?.clauses ?? []) ?? 'Retraining the ticket…',
      ];
    },
    async setup(store, run) {
      scrollToPanelSoon('lottery', { elementId: 'lottery-ticket' });
      if (!(await showTicket(store, run))) return false;
      const { ticket, denseCodes } = shownTicket(store.getState());
      const c = ticket && denseCodes ? movedClause(ticket, denseCodes) : null;
      if (ticket && c !== null) store.getState().select({ clause: c, row: ticket.codes[c][0] ?? null });
      scrollToPanelSoon('lottery', { elementId: 'lottery-ticket' });
      return true;
    },
  },
  {
    title: 'Probes: find the ticket in feature space',
    panel: 'comparison',
    body: (s) => [
      'Claim 5: two light probes read a ticket off feature space: distance (rows already near each clause’s code at init) and motion (rows moving toward it in the first steps). Every method keeps the same number of weights, rewinds to init and retrains.',
      probeFacts(s.comparison.results) ?? (s.comparison.status === 'running' ? 'Finding and retraining the masks…' : 'Training the dense run first…'),
    ],
    async setup(store, run) {
      scrollToPanelSoon('comparison');
      if (!(await ensurePreset(store, TOUR_PRESET, run)) || !(await ensureComparison(store, TOUR_COMPARISON, run))) return false;
      store.getState().selectComparison(null);
      scrollToPanelSoon('comparison');
      return true;
    },
  },
];
