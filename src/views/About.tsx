/**
 * About: the paper this app explores, how to cite it, and what the app does with its claims
 * (it measures them on the reader's own runs; it does not quote the paper's numbers).
 */
export const PAPER = {
  title: 'Toy Combinatorial Interpretability Models Reveal Lottery Tickets in Early Feature Space',
  authors: 'Bebchuk and Shavit',
  arxiv: '2605.17704',
  year: 2026,
  month: 'May',
} as const;

export const BIBTEX = `@misc{bebchuk2026toy,
  title         = {${PAPER.title}},
  author        = {Bebchuk and Shavit},
  year          = {${PAPER.year}},
  month         = may,
  eprint        = {${PAPER.arxiv}},
  archivePrefix = {arXiv},
  url           = {https://arxiv.org/abs/${PAPER.arxiv}}
}`;

export function About() {
  return (
    <section id="about" className="panel about" aria-labelledby="about-title">
      <h2 id="about-title">About</h2>
      <p>
        Lottery Lens is an explorable of <cite>{PAPER.title}</cite> by {PAPER.authors} ({PAPER.month} {PAPER.year}), <a href={`https://arxiv.org/abs/${PAPER.arxiv}`}>arXiv:{PAPER.arxiv}</a>.
      </p>
      <p>
        It does not quote the paper’s results. Every number and picture here is measured on the run in your browser, with the settings you chose: the claims are tested on your runs, and they may come
        out either way.
      </p>
      <h3 id="bibtex-title">Cite the paper</h3>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus so the keyboard can scroll it (axe: scrollable-region-focusable). */}
      {/* biome-ignore lint/a11y/useAriaPropsSupportedByRole: the focusable region needs a name, its heading's. */}
      <pre aria-labelledby="bibtex-title" tabIndex={0}>
        <code>{BIBTEX}</code>
      </pre>
    </section>
  );
}
