/**
 * Every file the app hands to the user (run files, figures, CSV tables) goes through here: a
 * Blob behind a temporary object URL, clicked as an <a download>, so it works offline and
 * from any static host, and nothing is uploaded anywhere.
 */

/** Saves `data` as a file called `name`; text is wrapped in a Blob of MIME type `type`. */
export function download(data: Blob | string, name: string, type = 'application/octet-stream'): void {
  const blob = typeof data === 'string' ? new Blob([data], { type }) : data;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  // The browser has the file once the click is handled; the URL is freed a little later.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
