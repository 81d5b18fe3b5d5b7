/** Placeholder: built in its own change. */
export function HealthPage() {
  return (
    <section aria-labelledby="page-h">
      <h2 id="page-h">Health</h2>
    </section>
  );
}
