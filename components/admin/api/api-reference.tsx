"use client";

import "@scalar/api-reference-react/style.css";
import { ApiReferenceReact } from "@scalar/api-reference-react";

/**
 * The OpenAPI document rendered by Scalar, bundled with the app: the document is passed in (no
 * fetch), and everything that would reach the network is off (web fonts, telemetry, the hosted
 * request proxy and "try it" client, the AI agent, MCP).
 */
export default function ApiReference({ document }: { document: Record<string, unknown> }) {
  return (
    <ApiReferenceReact
      configuration={{
        content: document,
        withDefaultFonts: false,
        telemetry: false,
        hideClientButton: true,
        hideTestRequestButton: true,
        hideDarkModeToggle: true,
        forceDarkModeState: "light",
        documentDownloadType: "json",
        agent: { disabled: true },
        mcp: { disabled: true },
        showSidebar: true,
        showDeveloperTools: "never",
        // Scalar's light theme greys its secondary text (#797979, 4.29:1 on white) and colours
        // numbers in code samples #ff5800 (2.9:1): darker shades meet WCAG AA's 4.5:1.
        customCss: ".light-mode { --scalar-color-3: #6b6b6b; --scalar-color-orange: #b84000 !important; }",
      }}
    />
  );
}
