import QRCode from "qrcode";

/**
 * A QR code as an SVG data URL, drawn on the server (no image service sees the secret). An <img>
 * with a data URL is allowed by the app's Content-Security-Policy (img-src data:).
 */
export async function qrCodeDataUrl(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: "svg", errorCorrectionLevel: "M", margin: 2, color: { dark: "#0f172a", light: "#ffffff" } });
  return `data:image/svg+xml;base64,${Buffer.from(svg, "utf8").toString("base64")}`;
}
