"use client";

import { Download, TriangleAlert } from "lucide-react";
import { Button, buttonClass } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";

/**
 * The 10 recovery codes, shown once: each works one time when the phone is not at hand. Copy or
 * download them as a .txt file; after "Done" nobody can see them again (only hashes are kept).
 */
export function RecoveryCodes({ codes, doneText, onDone }: { codes: string[]; doneText: string; onDone: () => void }) {
  const text = `Tierwise recovery codes (each works once)\n\n${codes.join("\n")}\n`;
  // A data URL: nothing to create or revoke, and the codes never leave the browser.
  const href = `data:text/plain;charset=utf-8,${encodeURIComponent(text)}`;

  return (
    <div className="space-y-4" data-testid="recovery-codes">
      <p className="flex gap-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200">
        <TriangleAlert className="mt-0.5 h-4 w-4 shrink-0" aria-hidden />
        <span>
          Save these recovery codes somewhere safe now: this is the only time they are shown. Each one signs you in once if you do not
          have your phone.
        </span>
      </p>
      <ul className="grid grid-cols-2 gap-x-6 gap-y-1 rounded-md bg-slate-50 px-4 py-3 font-mono text-sm text-slate-900 ring-1 ring-inset ring-slate-200" aria-label="Recovery codes">
        {codes.map((code) => (
          <li key={code} data-testid="recovery-code">
            {code}
          </li>
        ))}
      </ul>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="flex gap-2">
          <CopyButton text={codes.join("\n")} label="Copy codes" />
          <a href={href} download="tierwise-recovery-codes.txt" className={buttonClass("secondary")}>
            <Download className="h-4 w-4" aria-hidden />
            Download .txt
          </a>
        </div>
        <Button type="button" onClick={onDone}>
          {doneText}
        </Button>
      </div>
    </div>
  );
}
