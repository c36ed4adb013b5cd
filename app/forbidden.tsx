import Link from "next/link";

export default function Forbidden() {
  return (
    <div className="rounded-lg border border-amber-200 bg-amber-50 p-6 text-amber-900" role="alert">
      <h2 className="mb-2 text-lg font-semibold">Not allowed</h2>
      <p className="text-sm">
        Your role does not allow this. <Link href="/" className="text-indigo-700 hover:underline">Back to Applications</Link>
      </p>
    </div>
  );
}
