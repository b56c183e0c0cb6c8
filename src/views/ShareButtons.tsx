/**
 * "Copy link" and "Copy embed code": the current experiment's URL, and an <iframe> snippet of
 * it with `embed` added, written to the clipboard, with a visible "Copied" that a screen reader
 * hears too (role=status). The page hands in how to build each text (the app owns the URL).
 */
import { useEffect, useRef, useState } from 'react';

/** Writes `text` to the clipboard: the async Clipboard API, else a selected textarea and execCommand. */
async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    return;
  } catch {
    // No permission, or an insecure origin: the old way below.
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  if (!ok) throw new Error('the browser refused to copy');
}

export interface ShareProps {
  /** The experiment's URL as it stands now. */
  link(): string;
  /** An <iframe> snippet that embeds the experiment. */
  embedCode(): string;
}

export function ShareButtons({ link, embedCode }: ShareProps) {
  const [said, setSaid] = useState('');
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);
  const copy = async (what: string, text: string) => {
    try {
      await copyText(text);
      setSaid(`Copied ${what}`);
    } catch (e) {
      setSaid(`Could not copy the ${what}: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => setSaid(''), 4000);
  };
  return (
    <div className="share" role="group" aria-label="Share">
      <button type="button" onClick={() => void copy('the link', link())}>
        Copy link
      </button>
      <button type="button" onClick={() => void copy('the embed code', embedCode())}>
        Copy embed code
      </button>
      <span className="copied" role="status" data-testid="share-status">
        {said}
      </span>
    </div>
  );
}
