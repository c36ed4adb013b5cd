import type { Metadata } from "next";
import Image from "next/image";
import Link from "next/link";
import type { ReactNode } from "react";
import { UserMenu } from "@/components/auth/user-menu";
import { currentUser } from "./_auth/session";
import "./globals.css";

export const metadata: Metadata = {
  title: "Lockstep",
  description: "GitOps dashboard: Git is the source of truth, Lockstep shows drift and syncs the cluster.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = await currentUser();
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 text-slate-900">
        <header className="border-b border-slate-200 bg-white">
          <nav className="mx-auto flex max-w-7xl items-center gap-6 px-6 py-3">
            <Link href="/" className="flex items-center gap-2 text-lg font-semibold tracking-tight text-indigo-700" data-testid="brand">
              <Image src="/logo.svg" alt="" width={24} height={24} unoptimized preload />
              Lockstep
            </Link>
            <Link href="/" className="text-sm text-slate-600 hover:text-slate-900">
              Applications
            </Link>
            {user && (
              <Link href="/appsets" className="text-sm text-slate-600 hover:text-slate-900">
                App sets
              </Link>
            )}
            {user && (
              <Link href="/pipelines" className="text-sm text-slate-600 hover:text-slate-900">
                Pipelines
              </Link>
            )}
            {user && (
              <Link href="/drift" className="text-sm text-slate-600 hover:text-slate-900">
                Drift
              </Link>
            )}
            {user && (
              <Link href="/insights" className="text-sm text-slate-600 hover:text-slate-900">
                Insights
              </Link>
            )}
            {user && (
              <Link href="/audit" className="text-sm text-slate-600 hover:text-slate-900">
                Audit
              </Link>
            )}
            {user && (
              <Link href="/replicas" className="text-sm text-slate-600 hover:text-slate-900">
                Replicas
              </Link>
            )}
            {user?.role === "admin" && (
              <Link href="/projects" className="text-sm text-slate-600 hover:text-slate-900">
                Projects
              </Link>
            )}
            {user?.role === "admin" && (
              <Link href="/settings/users" className="text-sm text-slate-600 hover:text-slate-900">
                Users
              </Link>
            )}
            {user?.role === "admin" && (
              <Link href="/settings/tokens" className="text-sm text-slate-600 hover:text-slate-900">
                Tokens
              </Link>
            )}
            {user?.role === "admin" && (
              <Link href="/repositories" className="text-sm text-slate-600 hover:text-slate-900">
                Repositories
              </Link>
            )}
            {user?.role === "admin" && (
              <Link href="/clusters" className="text-sm text-slate-600 hover:text-slate-900">
                Clusters
              </Link>
            )}
            {user?.role === "admin" && (
              <Link href="/notifications" className="text-sm text-slate-600 hover:text-slate-900">
                Notifications
              </Link>
            )}
            {user?.role === "admin" && (
              <Link href="/apps/new" className="ml-auto rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700">
                New application
              </Link>
            )}
            {user && (
              <span className={user.role === "admin" ? "" : "ml-auto"}>
                <UserMenu name={user.name} role={user.role} />
              </span>
            )}
          </nav>
        </header>
        <main className="mx-auto max-w-7xl px-6 py-6">{children}</main>
      </body>
    </html>
  );
}
