"use client";

import { Search } from "lucide-react";
import { Popover } from "radix-ui";
import { cn } from "@/lib/utils/cn";

/** The floating panel of a picker in the rule builder (field picker, option picker), below its button. */
export function PickerPanel({
  label,
  className,
  sideOffset = 4,
  onCloseAutoFocus,
  children,
}: {
  label: string;
  /** Its width, e.g. "w-72". */
  className: string;
  sideOffset?: number;
  onCloseAutoFocus?: (event: Event) => void;
  children: React.ReactNode;
}) {
  return (
    <Popover.Portal>
      <Popover.Content
        align="start"
        sideOffset={sideOffset}
        collisionPadding={12}
        aria-label={label}
        className={cn("z-50 overflow-hidden rounded-lg bg-white shadow-xl ring-1 ring-slate-200", className)}
        onCloseAutoFocus={onCloseAutoFocus}
      >
        {children}
      </Popover.Content>
    </Popover.Portal>
  );
}

/** The search box across the top of a picker panel. */
export function PickerSearch(props: Omit<React.InputHTMLAttributes<HTMLInputElement>, "className">) {
  return (
    <div className="flex items-center gap-2 border-b border-slate-100 px-3">
      <Search className="h-4 w-4 text-slate-400" aria-hidden />
      <input
        name="search"
        {...props}
        className="h-10 w-full border-0 bg-transparent p-0 text-sm text-slate-900 placeholder:text-slate-500 focus:ring-0 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-brand-600"
      />
    </div>
  );
}
