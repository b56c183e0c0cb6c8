/** "Lecture mode": opens the lecture tour at its first step (or where it is, when already open). */
import { useApp } from '../storeContext';

export function TourButton() {
  const tour = useApp((s) => s.tour);
  const setTour = useApp((s) => s.setTour);
  return (
    <button type="button" id="tour-open" aria-pressed={tour !== null} onClick={() => setTour(tour ?? 1)}>
      Lecture mode
    </button>
  );
}
