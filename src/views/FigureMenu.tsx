/**
 * "Export figure": a small menu on every figure that saves it as PNG or SVG (drawn by
 * figures/exportFigure, so it looks the same outside the app) and, where the figure has a
 * table behind it, as CSV. Files are named for what and when: lottery-lens-<file>-step<N>.<ext>.
 *
 *   closed ──click / Enter / Space / ArrowDown──▶ open (focus on the first item)
 *   open ──Escape / choosing an item──▶ closed, focus back on the button
 *   open ──Tab / click outside──▶ closed
 *
 * The store is read when an item is chosen, not subscribed to: the menu never re-renders
 * with the run.
 */
import { useContext, useEffect, useId, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { download } from './download';
import { viewedIndex, type AppState } from '../state/store';
import { figureFileName, figureSummary, figureToSvg, svgToPng } from './figures/exportFigure';
import { StoreContext } from './storeContext';

export interface FigureMenuProps {
  /** Short name for people: the button is named "Export figure: <label>". */
  label: string;
  /** File-name stem: "feature-space" gives lottery-lens-feature-space-step1200.png. */
  file: string;
  /** First line of the exported picture; defaults to `label`. */
  title?: string;
  /** The figure's numbers as CSV text (see ./csv), built from the store when chosen; omit when the figure has no table. */
  csv?: (state: AppState) => string;
  /**
   * The element whose <svg>s and <canvas>es (and legends, captions) make the figure; by
   * default the nearest <figure> or <section> around the menu.
   */
  target?: RefObject<HTMLElement | null>;
  /** The step that names the files: the viewed one (default), or the run's last one for results computed after it. */
  step?: 'viewed' | 'last';
}

type Format = 'PNG' | 'SVG' | 'CSV';

export function FigureMenu({ label, file, title, csv, target, step = 'viewed' }: FigureMenuProps) {
  const store = useContext(StoreContext);
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const wrap = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const items = useRef<(HTMLButtonElement | null)[]>([]);
  const id = useId();
  const formats: Format[] = csv ? ['PNG', 'SVG', 'CSV'] : ['PNG', 'SVG'];

  useEffect(() => {
    if (!open) return;
    items.current[0]?.focus();
    const outside = (e: PointerEvent) => {
      if (!wrap.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', outside);
    return () => document.removeEventListener('pointerdown', outside);
  }, [open]);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };

  const save = async (format: Format) => {
    close();
    if (!store) return;
    const s = store.getState();
    const at = step === 'last' ? (s.snapshots.at(-1)?.step ?? 0) : (s.snapshots[viewedIndex(s)]?.step ?? 0);
    try {
      if (format === 'CSV') return download(csv!(s), figureFileName(file, at, 'csv'), 'text/csv');
      const root = target?.current ?? wrap.current?.closest('figure, section');
      if (!root) throw new Error('The figure is not on the page.');
      const figure = figureToSvg(root, { title: title ?? label, summary: figureSummary(s.applied, at, s.backend?.active ?? null, s.origin === 'imported') });
      if (format === 'SVG') return download(figure.text, figureFileName(file, at, 'svg'), 'image/svg+xml');
      setBusy(true);
      download(await svgToPng(figure, Math.max(2, window.devicePixelRatio || 1)), figureFileName(file, at, 'png'));
    } catch (e) {
      s.reportError(`The ${label} figure was not exported as ${format}: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(false);
    }
  };

  const onMenuKey = (e: KeyboardEvent) => {
    const list = items.current.filter((b): b is HTMLButtonElement => b !== null);
    const at = list.indexOf(document.activeElement as HTMLButtonElement);
    const go = (i: number) => list[(i + list.length) % list.length]?.focus();
    if (e.key === 'Escape') close();
    else if (e.key === 'ArrowDown') go(at + 1);
    else if (e.key === 'ArrowUp') go(at - 1);
    else if (e.key === 'Home') go(0);
    else if (e.key === 'End') go(list.length - 1);
    else if (e.key === 'Tab') return setOpen(false);
    else return;
    e.preventDefault();
  };

  return (
    <div ref={wrap} className="figure-menu">
      <button
        ref={button}
        type="button"
        aria-label={`Export figure: ${label}`}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? `${id}-menu` : undefined}
        aria-busy={busy || undefined}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && !open) {
            e.preventDefault();
            setOpen(true);
          }
        }}
      >
        Export figure <span aria-hidden="true">▾</span>
      </button>
      {open && (
        // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: the ARIA menu pattern: a list of menuitems, with arrow-key focus handled in onMenuKey.
        <ul id={`${id}-menu`} role="menu" aria-label={`Export ${label} as`} onKeyDown={onMenuKey}>
          {formats.map((f, i) => (
            <li key={f} role="none">
              <button ref={(el) => void (items.current[i] = el)} type="button" role="menuitem" tabIndex={-1} onClick={() => void save(f)}>
                {f}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
