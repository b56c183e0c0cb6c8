/** "Dark mode": a toggle button (aria-pressed) whose choice is remembered (views/theme.ts). */
import { chooseTheme, useTheme } from './theme';

export function ThemeToggle() {
  const dark = useTheme() === 'dark';
  return (
    <button type="button" className="theme-toggle" aria-pressed={dark} onClick={() => chooseTheme(dark ? 'light' : 'dark')}>
      <span aria-hidden="true">{dark ? '☾' : '☀'}</span> Dark mode
    </button>
  );
}
