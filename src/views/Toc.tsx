/**
 * The contents: one link per section of the story, in its order, with the section in view
 * marked (aria-current). It sits in the sticky stage bar, so it moves between sections from
 * anywhere on the page.
 */
import { useEffect, useState } from 'react';
import { panelElementId } from '../state/panels';

/** The story's sections: element id and link text. */
export const SECTIONS = [
  { id: panelElementId('task'), label: 'Task' },
  { id: panelElementId('features'), label: 'Feature space' },
  { id: panelElementId('analysis'), label: 'Claims' },
  { id: panelElementId('lottery'), label: 'Lottery lab' },
  { id: panelElementId('comparison'), label: 'Probes' },
  { id: panelElementId('weights'), label: 'Weights' },
  { id: panelElementId('metrics'), label: 'Metrics' },
  { id: 'definitions', label: 'Definitions' },
  { id: 'about', label: 'About' },
] as const;

/** The last section whose top has passed a line just under the sticky bar. */
function sectionInView(): string {
  const bar = document.querySelector<HTMLElement>('.stage-bar');
  const sticky = bar !== null && getComputedStyle(bar).position === 'sticky';
  const line = (sticky ? bar.getBoundingClientRect().bottom : 0) + 48;
  let current: string = SECTIONS[0].id;
  for (const s of SECTIONS) {
    const top = document.getElementById(s.id)?.getBoundingClientRect().top;
    if (top !== undefined && top <= line) current = s.id;
  }
  return current;
}

export function Toc() {
  const [current, setCurrent] = useState<string>(SECTIONS[0].id);
  useEffect(() => {
    let frame = 0;
    const measure = () => {
      frame = 0;
      setCurrent(sectionInView());
    };
    const onScroll = () => {
      if (frame === 0) frame = requestAnimationFrame(measure);
    };
    window.addEventListener('scroll', onScroll, { passive: true });
    window.addEventListener('resize', onScroll, { passive: true });
    onScroll();
    return () => {
      window.removeEventListener('scroll', onScroll);
      window.removeEventListener('resize', onScroll);
      if (frame !== 0) cancelAnimationFrame(frame);
    };
  }, []);
  return (
    <nav className="toc" aria-label="Sections">
      <ol>
        {SECTIONS.map((s) => (
          <li key={s.id}>
            <a href={`#${s.id}`} aria-current={s.id === current ? 'true' : undefined}>
              {s.label}
            </a>
          </li>
        ))}
      </ol>
    </nav>
  );
}
