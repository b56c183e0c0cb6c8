/** The lecture tour and presentation mode, as the page mounts them. */
export { Tour } from './Tour';
export { TourButton } from './TourButton';
export { PresentationToggle } from './PresentationToggle';
