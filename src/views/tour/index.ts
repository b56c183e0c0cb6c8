/** The lecture tour and presentation mode, as the page mounts them. */
export { Tour } from './Tour';
export { TourButton } from './TourButton';
export { PresentationToggle } from './PresentationToggle';
export { STEPS, TOUR_STEPS, PREDICT_STEP } from './steps';
