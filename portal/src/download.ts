/** Files the API serves (a customer's PDF, a collection file) need the person's token, so a plain
 * link cannot fetch them: they are fetched as a blob (`parseAs: "blob"`) and opened or saved
 * from an object URL, which is let go of once the browser has had time to use it. */

// Long enough for a new tab to load the file, or a download to start.
const KEEP_URL_MS = 60_000;

function objectUrl(blob: Blob): string {
  const url = URL.createObjectURL(blob);
  window.setTimeout(() => URL.revokeObjectURL(url), KEEP_URL_MS);
  return url;
}

/** Saves the file under `filename` (the browser's download). */
export function saveFile(blob: Blob, filename: string): void {
  const link = document.createElement("a");
  link.href = objectUrl(blob);
  link.download = filename;
  link.click();
}

/** Opens the file (a PDF) in a new tab; saved under `filename` where the browser blocks the tab. */
export function openFile(blob: Blob, filename: string): void {
  const url = objectUrl(blob);
  if (!window.open(url, "_blank")) saveFile(blob, filename);
}
