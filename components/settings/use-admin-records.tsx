"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { callApi } from "./api-call";

/** What an admin form last said: a success message or the API's error. */
export interface AdminNotice {
  error?: string;
  message?: string;
}

/** Options of {@link useAdminRecords}. */
export interface AdminRecordsOptions<Row> {
  /** The collection's API path, e.g. `/api/clusters`. */
  path: string;
  /** A row's id in the collection's URLs. */
  idOf(row: Row): string;
  /** The request body of the form, for a new record or for the one being edited. */
  bodyOf(form: FormData, editing: Row | null): Record<string, unknown>;
  messages: { created: string; updated: string; deleted(row: Row): string };
}

/**
 * The create, edit and delete cycle of an admin page's records (repository credentials,
 * clusters…): which row is being edited, what the last call said, and the calls themselves,
 * each refreshing the page's data afterwards.
 */
export function useAdminRecords<Row>(options: AdminRecordsOptions<Row>) {
  const router = useRouter();
  const [editing, setEditing] = useState<Row | null>(null);
  const [notice, setNotice] = useState<AdminNotice | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const body = options.bodyOf(new FormData(formElement), editing);
    const result = editing ? await callApi("PATCH", `${options.path}/${encodeURIComponent(options.idOf(editing))}`, body) : await callApi("POST", options.path, body);
    setNotice(result.ok ? { message: editing ? options.messages.updated : options.messages.created } : { error: result.error });
    if (result.ok) {
      formElement.reset();
      setEditing(null);
    }
    router.refresh();
  }

  async function remove(row: Row) {
    const result = await callApi("DELETE", `${options.path}/${encodeURIComponent(options.idOf(row))}`);
    setNotice(result.ok ? { message: options.messages.deleted(row) } : { error: result.error });
    if (editing && options.idOf(editing) === options.idOf(row)) setEditing(null);
    router.refresh();
  }

  return { editing, setEditing, notice, submit, remove };
}

/** The banner of an admin page's last call. */
export function AdminNoticeBanner({ notice }: { notice: AdminNotice | null }) {
  if (!notice) return null;
  return (
    <div role="status" className={`rounded-md px-3 py-2 text-sm ${notice.error ? "bg-rose-50 text-rose-800" : "bg-emerald-50 text-emerald-900"}`}>
      {notice.error ?? notice.message}
    </div>
  );
}
