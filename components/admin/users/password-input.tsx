"use client";

import { useState } from "react";
import { cn } from "@/lib/utils/cn";

/** A new-password input with a show/hide toggle (admins often read the password out to the user). */
export function PasswordInput({ className, ...props }: React.InputHTMLAttributes<HTMLInputElement> & { className: string }) {
  const [visible, setVisible] = useState(false);
  return (
    <div className="relative">
      <input
        {...props}
        type={visible ? "text" : "password"}
        autoComplete="new-password"
        spellCheck={false}
        className={cn(className, "pr-16")}
      />
      <button
        type="button"
        onClick={() => setVisible((v) => !v)}
        aria-pressed={visible}
        aria-label={visible ? "Hide password" : "Show password"}
        className="absolute inset-y-0 right-0 rounded-r-md px-3 text-xs font-medium text-slate-600 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-brand-600"
      >
        {visible ? "Hide" : "Show"}
      </button>
    </div>
  );
}
