/** A table that scrolls sideways on a phone: a labelled, keyboard-focusable region around it. */
export function TableRegion({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) {
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={label}>
      <table data-testid={testId}>{children}</table>
    </div>
  );
}
