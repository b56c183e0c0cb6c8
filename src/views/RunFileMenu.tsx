/**
 * Export the run as a run file (SPEC 7), or load one (button or drag and drop anywhere on the
 * page). Loading is checked in the worker; a bad file leaves the current run as it was.
 */
import { useEffect, useRef, useState } from 'react';
import { MAX_RUN_FILE_BYTES } from '../engine/runFile/format';
import { useApp } from './storeContext';

export function RunFileMenu() {
  const ready = useApp((s) => s.connection === 'ready');
  const exportRun = useApp((s) => s.exportRun);
  const importRun = useApp((s) => s.importRun);
  const imported = useApp((s) => s.origin === 'imported');
  const reportError = useApp((s) => s.reportError);
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);

  const load = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > MAX_RUN_FILE_BYTES) {
      reportError(`The run file was not loaded: ${file.name} is ${Math.round(file.size / 2 ** 20)} MB, over the ${MAX_RUN_FILE_BYTES / 2 ** 20} MB limit.`);
      return;
    }
    importRun(await file.text());
  };

  useEffect(() => {
    const over = (e: DragEvent) => {
      if (!e.dataTransfer?.types.includes('Files')) return;
      e.preventDefault();
      setDragging(true);
    };
    const leave = () => setDragging(false);
    const drop = (e: DragEvent) => {
      if (!e.dataTransfer?.files.length) return;
      e.preventDefault();
      setDragging(false);
      void load(e.dataTransfer.files[0]);
    };
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  });

  return (
    <div className="run-file" role="group" aria-label="Run file">
      <button type="button" onClick={exportRun} disabled={!ready}>
        Export run
      </button>
      <button type="button" onClick={() => input.current?.click()}>
        Import run…
      </button>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        hidden
        data-testid="import-run"
        aria-label="Import a run file"
        onChange={(e) => {
          void load(e.target.files?.[0]);
          e.target.value = '';
        }}
      />
      {imported && <span className="badge">imported run: view only; Reset trains it afresh</span>}
      {dragging && <div className="drop-hint">Drop a Lottery Lens run file to load it</div>}
    </div>
  );
}
