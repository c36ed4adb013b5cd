import Link from "next/link";

export default function NotFound() {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-6">
      <h2 className="mb-2 text-lg font-semibold">Not found</h2>
      <p className="text-sm text-slate-600">
        No such application. <Link href="/" className="text-indigo-700 hover:underline">Back to Applications</Link>
      </p>
    </div>
  );
}
