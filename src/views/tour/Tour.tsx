/**
 * The lecture tour panel: docked beside the figures (below them on narrow screens), never over
 * them, and not modal: the page stays usable while it is open.
 *
 *   tour: null ──Lecture mode──▶ 1 ◀──▶ 2 ◀──▶ … ◀──▶ 8        (Next/Previous, → ←, PgDn PgUp)
 *                ◀──Close / Esc── any step (focus returns to where it was)
 *
 * Entering a step runs its setup (steps.ts) through store actions; leaving it first makes the
 * setup stop waiting. Keys act only while the tour is open, and never while focus is in a
 * form field (inputs, selects, sliders keep their own keys); Space also leaves buttons alone.
 */
import { useContext, useEffect, useRef, useState } from 'react';
import { StoreContext, useApp } from '../storeContext';
import { STEPS, TOUR_STEPS } from './steps';
import type { TourRun } from './drive';

/** Focus is somewhere the key has its own meaning (typing, choosing, sliding). */
function ownsKeys(el: Element | null): boolean {
  if (!(el instanceof HTMLElement)) return false;
  if (el.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName)) return true;
  const role = el.getAttribute('role') ?? '';
  return ['slider', 'spinbutton', 'textbox', 'combobox', 'listbox', 'radio', 'radiogroup', 'menu', 'menuitem', 'tab', 'grid'].includes(role);
}

/** Space would press this element (a button, link, summary or widget acting as one). */
function pressable(el: Element | null): boolean {
  if (!(el instanceof HTMLElement)) return false;
  if (['BUTTON', 'A', 'SUMMARY'].includes(el.tagName)) return true;
  return ['button', 'link', 'checkbox', 'switch', 'option'].includes(el.getAttribute('role') ?? '');
}

export function Tour() {
  const store = useContext(StoreContext);
  const tour = useApp((s) => s.tour);
  const setTour = useApp((s) => s.setTour);
  const index = tour === null ? -1 : Math.min(tour, STEPS.length) - 1;
  const step = index >= 0 ? STEPS[index] : null;
  // The step's sentences as one string: a primitive, so the panel re-renders only when they change.
  const text = useApp((s) =>
    step
      ? step
          .body(s)
          .filter((p): p is string => p !== null)
          .join('\n')
      : '',
  );
  const [status, setStatus] = useState('');
  const [ready, setReady] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const opener = useRef<Element | null>(null);
  const wasOpen = useRef(false);

  // Focus: into the tour when it opens, back to where it was when it closes.
  useEffect(() => {
    const open = tour !== null;
    if (open && !wasOpen.current) {
      opener.current = document.activeElement;
      heading.current?.focus();
    } else if (!open && wasOpen.current) {
      const back = opener.current instanceof HTMLElement && opener.current.isConnected ? opener.current : document.getElementById('tour-open');
      back?.focus();
    }
    wasOpen.current = open;
  }, [tour]);

  // Run the step's setup; moving on (or closing) makes it stop.
  useEffect(() => {
    if (!store || tour === null || index < 0) return;
    let alive = true;
    const run: TourRun = { alive: () => alive && store.getState().tour === tour, status: (t) => alive && setStatus(t) };
    setReady(false);
    setStatus('Setting up…');
    STEPS[index]
      .setup(store, run)
      .then((ok) => {
        if (!run.alive()) return;
        setReady(ok);
        setStatus(ok ? 'Ready.' : 'This step could not be set up; the controls on the page still work.');
      })
      .catch((err: unknown) => run.alive() && setStatus(`Setup failed: ${err instanceof Error ? err.message : String(err)}`));
    return () => {
      alive = false;
    };
  }, [store, tour, index]);

  // Keys, while the tour is open.
  useEffect(() => {
    if (!store || tour === null) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || e.isComposing) return;
      const focus = document.activeElement;
      if (ownsKeys(focus)) return;
      const s = store.getState();
      const at = s.tour ?? 1;
      switch (e.key) {
        case 'ArrowRight':
        case 'PageDown':
          if (at < STEPS.length) s.setTour(at + 1);
          break;
        case 'ArrowLeft':
        case 'PageUp':
          if (at > 1) s.setTour(at - 1);
          break;
        case ' ':
          if (pressable(focus)) return;
          if (s.playback === 'running') s.pause();
          else s.play();
          break;
        case 'Escape':
          s.setTour(null);
          break;
        default:
          return;
      }
      e.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [store, tour]);

  if (!step || tour === null) return null;
  const n = index + 1;
  return (
    <section className="tour" aria-label={`Lecture tour, step ${n} of ${TOUR_STEPS}`} data-step={n} data-ready={ready}>
      <p className="tour-count" aria-hidden="true">
        Lecture tour · step {n} of {TOUR_STEPS}
      </p>
      <h2 ref={heading} tabIndex={-1} data-testid="tour-title">
        {step.title}
      </h2>
      {text.split('\n').map((p, i) => (
        <p key={i}>{p}</p>
      ))}
      <p className="muted" role="status" data-testid="tour-status">
        {status}
      </p>
      <div className="tour-nav">
        <button type="button" onClick={() => setTour(n - 1)} disabled={n === 1}>
          Previous
        </button>
        <button type="button" className="primary" onClick={() => setTour(n + 1)} disabled={n === STEPS.length}>
          Next
        </button>
        <button type="button" onClick={() => setTour(null)}>
          Close
        </button>
      </div>
      <p className="muted tour-keys">Keys: → and ← (or Page Down and Page Up) move between steps, Space plays or pauses training, Esc closes.</p>
    </section>
  );
}
