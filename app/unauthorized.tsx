import Link from "next/link";

export default function Unauthorized() {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-6" role="alert">
      <h2 className="mb-2 text-lg font-semibold">Sign in first</h2>
      <p className="text-sm">
        <Link href="/login" className="text-indigo-700 hover:underline">Sign in</Link> to see this page.
      </p>
    </div>
  );
}
