/**
 * What an action did, announced politely (`status`), and why it failed, announced at once
 * (`alert`); the status region stays in the page so screen readers hear its changes.
 */
export function Outcome({ status, error }: { status: string; error: string }) {
  return (
    <>
      <p role="status" class="outcome">
        {status}
      </p>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
    </>
  );
}
