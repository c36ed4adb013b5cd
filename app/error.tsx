"use client";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="rounded-lg border border-rose-200 bg-rose-50 p-6 text-rose-900" role="alert">
      <h2 className="mb-2 text-lg font-semibold">This page could not be shown.</h2>
      <p className="text-sm">{error.digest ? `The server logged the details (reference ${error.digest}).` : error.message}</p>
      <button onClick={reset} className="mt-4 rounded-md border border-rose-300 bg-white px-3 py-1.5 text-sm">
        Try again
      </button>
    </div>
  );
}
