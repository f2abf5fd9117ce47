import { Megaphone } from "lucide-react";
import type { ChannelView } from "@/lib/data/plays/recommendations";

/** The channel to use, and the account's campaign responses behind a "best for this account" choice. */
export function PlayChannel({ channel }: { channel: ChannelView }) {
  return (
    <div className="space-y-1.5 text-sm" data-testid="play-channel">
      <p className="flex items-center gap-2 font-medium text-slate-900">
        <Megaphone className="h-4 w-4 shrink-0 text-slate-400" aria-hidden />
        {channel.label ?? "No channel stands out"}
        <span className="text-xs font-normal text-slate-500">{channel.fixed ? "set by the play" : "best for this account"}</span>
      </p>
      {channel.note && <p className="text-xs text-slate-600">{channel.note}</p>}
      {channel.evidence.length > 0 && (
        <ul className="space-y-0.5 text-xs text-slate-600" aria-label="Campaign responses by channel">
          {channel.evidence.map((line, i) => (
            <li key={line} className={i === 0 && channel.label ? "font-medium text-slate-700" : undefined}>
              {line}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
