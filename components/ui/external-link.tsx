import { safeHttpUrl } from "@/lib/http/safe-url";

/**
 * A URL from a user or a repository: a link (opening without access to this page) only when it
 * is plain http(s), otherwise the text alone — never a `javascript:` link.
 */
export function ExternalLink({ href, className }: { href: string; className?: string }) {
  const safe = safeHttpUrl(href);
  if (!safe) return <span className={className}>{href}</span>;
  return (
    <a href={safe} target="_blank" rel="noopener noreferrer nofollow" className={`${className ?? ""} hover:underline`}>
      {href}
    </a>
  );
}
