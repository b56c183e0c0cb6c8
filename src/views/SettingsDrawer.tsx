/**
 * The settings drawer, a disclosure: the "Settings" button in the stage bar opens and closes it
 * (aria-expanded), and while it is closed the bar shows the settings in one line. The drawer
 * sits at the left of the story (a sheet over the page on a phone), preset picker first.
 *
 *   closed ──button (click, Enter, Space)──▶ open: focus on its heading
 *   open ──button / Close / Esc──▶ closed: focus back on the button
 */
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { SettingsForm } from './SettingsPanel';
import { settingsSummary } from './settingsSummary';
import { useApp } from './storeContext';

export const DRAWER_ID = 'settings-drawer';

export interface Drawer {
  open: boolean;
  toggle(): void;
  close(): void;
  button: React.RefObject<HTMLButtonElement | null>;
  heading: React.RefObject<HTMLHeadingElement | null>;
}

/** The drawer's state, shared by the button and the drawer (which sit apart on the page). */
export function useDrawer(): Drawer {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const opened = useRef(false);
  useEffect(() => {
    if (open) heading.current?.focus();
    else if (opened.current) button.current?.focus();
    opened.current = open;
  }, [open]);
  const toggle = useCallback(() => setOpen((o) => !o), []);
  const close = useCallback(() => setOpen(false), []);
  return { open, toggle, close, button, heading };
}

/** The button, the one-line summary while closed, and whatever follows them on the line (the contents). */
export function SettingsLine({ drawer, children }: { drawer: Drawer; children?: ReactNode }) {
  const applied = useApp((s) => s.applied);
  const problems = useApp((s) => Object.keys(s.errors).length);
  return (
    <div className="settings-line">
      <button ref={drawer.button} type="button" className="settings-toggle" aria-expanded={drawer.open} aria-controls={DRAWER_ID} onClick={drawer.toggle}>
        <span aria-hidden="true">{drawer.open ? '◂' : '▸'}</span> Settings
      </button>
      {!drawer.open && (
        <p className="settings-summary" data-testid="settings-summary" title={settingsSummary(applied)}>
          {problems > 0 ? <span className="error">{problems === 1 ? '1 setting needs fixing · ' : `${problems} settings need fixing · `}</span> : null}
          {settingsSummary(applied)}
        </p>
      )}
      {children}
    </div>
  );
}

export function SettingsDrawer({ drawer }: { drawer: Drawer }) {
  return (
    <aside
      id={DRAWER_ID}
      className="drawer panel"
      hidden={!drawer.open}
      aria-labelledby="settings-title"
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.preventDefault(); // the lecture tour, if open, keeps its step
        drawer.close();
      }}
    >
      <div className="drawer-head">
        <h2 id="settings-title" ref={drawer.heading} tabIndex={-1}>
          Settings
        </h2>
        <button type="button" onClick={drawer.close}>
          Close
        </button>
      </div>
      <SettingsForm />
    </aside>
  );
}
