/**
 * A deep clone of an <svg> on the page that looks the same with no stylesheet: the computed
 * values of the presentation properties the app's CSS sets are written inline (inherited ones
 * only where they differ from the parent), interactive attributes are dropped, and every
 * reference points inside the file or nowhere.
 */

/**
 * Points a CSS url() at the fragment only. CSSOM makes the computed value of a url() absolute,
 * so a browser may report `url("http://host/page#hatch-end-3")` for a paint server written as
 * `url(#hatch-end-3)` (Chromium keeps it relative), and in a file that would point outside it.
 * A url() with no fragment becomes `none`.
 */
export function fragmentOnlyUrls(value: string): string {
  return value.replace(/url\(\s*(['"]?)([^'")]*)\1\s*\)/g, (_all, _q, url: string) => {
    const hash = url.indexOf('#');
    return hash < 0 ? 'none' : `url(#${url.slice(hash + 1)})`;
  });
}

/** [property, inherited, initial value]: presentation properties that CSS may set. */
const STYLE_PROPS: readonly (readonly [string, boolean, string])[] = [
  ['fill', true, ''],
  ['fill-opacity', true, ''],
  ['fill-rule', true, ''],
  ['stroke', true, ''],
  ['stroke-width', true, ''],
  ['stroke-opacity', true, ''],
  ['stroke-dasharray', true, ''],
  ['stroke-dashoffset', true, ''],
  ['stroke-linecap', true, ''],
  ['stroke-linejoin', true, ''],
  ['font-family', true, ''],
  ['font-size', true, ''],
  ['font-weight', true, ''],
  ['font-style', true, ''],
  ['font-variant-numeric', true, ''],
  ['letter-spacing', true, ''],
  ['text-anchor', true, ''],
  ['dominant-baseline', true, ''],
  ['paint-order', true, ''],
  ['visibility', true, ''],
  ['shape-rendering', true, ''],
  ['color', true, ''],
  ['opacity', false, '1'],
  ['display', false, 'inline'],
  ['alignment-baseline', false, 'auto'],
];
const NOT_RENDERED = new Set(['title', 'desc', 'metadata', 'defs', 'style', 'script']);

export function inlinedClone(source: SVGSVGElement): SVGSVGElement {
  const clone = source.cloneNode(true) as SVGSVGElement;
  const from = [source, ...source.querySelectorAll('*')];
  const to = [clone, ...clone.querySelectorAll('*')];
  const computed = new Map<Element, CSSStyleDeclaration>();
  from.forEach((src, i) => {
    const dst = to[i];
    for (const attr of ['tabindex', 'aria-pressed', 'style']) dst.removeAttribute(attr);
    if (dst.getAttribute('role') === 'button') dst.removeAttribute('role');
    if (NOT_RENDERED.has(src.tagName.toLowerCase()) && src !== source) return;
    const cs = getComputedStyle(src);
    computed.set(src, cs);
    const parent = src === source ? undefined : computed.get(src.parentElement!);
    const style = (dst as SVGElement).style;
    for (const [prop, inherited, initial] of STYLE_PROPS) {
      const value = cs.getPropertyValue(prop);
      if (value === '') continue;
      if (inherited ? parent !== undefined && parent.getPropertyValue(prop) === value : value === initial) continue;
      style.setProperty(prop, fragmentOnlyUrls(value));
    }
  });
  // Paint servers and other references in attributes: inside the file or nowhere.
  for (const el of to) {
    for (const attr of [...el.attributes]) {
      if (attr.value.includes('url(')) el.setAttribute(attr.name, fragmentOnlyUrls(attr.value));
      if (attr.localName === 'href' && !/^(#|data:)/.test(attr.value)) el.removeAttributeNode(attr);
    }
    if (el.localName === 'script' || el.localName === 'foreignObject') el.remove();
  }
  return clone;
}
