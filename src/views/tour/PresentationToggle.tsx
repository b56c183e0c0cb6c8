/** "Presentation mode": larger text, marks and strokes for a projector (a class on the app root). */
import { useApp } from '../storeContext';

export function PresentationToggle() {
  const on = useApp((s) => s.presentation);
  const set = useApp((s) => s.setPresentation);
  return (
    <button type="button" aria-pressed={on} onClick={() => set(!on)}>
      Presentation mode
    </button>
  );
}
