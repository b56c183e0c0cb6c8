/** Width of an 11 px chart label, measured on a canvas (asking the SVG would force a page layout). */

let measure: CanvasRenderingContext2D | null | undefined;

export function textWidth(label: string): number {
  if (measure === undefined) {
    measure = typeof document !== 'undefined' ? document.createElement('canvas').getContext('2d') : null;
    if (measure) measure.font = '11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
  }
  return measure ? measure.measureText(label).width : label.length * 6;
}
