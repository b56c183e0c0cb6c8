/** The lecture tour's size and the step where the audience predicts (shared with the feature-space view). */

/** Steps of the lecture tour (the URL's `tour` is 1..TOUR_STEPS); src/views/tour/steps.ts has exactly this many. */
export { TOUR_STEPS } from '../../state/viewUrl';

/** The "Predict, then reveal" step (1-based): there, clicking a precursor mark toggles a guess. */
export const PREDICT_STEP = 3;
