/** Placeholder: built in its own change. */
export function DrillPage() {
  return (
    <section aria-labelledby="page-h">
      <h2 id="page-h">Drill</h2>
    </section>
  );
}
