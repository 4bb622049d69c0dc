/** Shapes that several output tests check formatter output against. */

/** An XML attribute value: no raw markup or control characters, only the five entities and character references. */
export const XML_ATTRIBUTE = String.raw`"(?:[^<&"\u0000-\u001f]|&(?:amp|lt|gt|quot|apos|#\d+);)*"`;

/** Every line flinklint's checkstyle output may have. */
export const CHECKSTYLE_LINE = new RegExp(
  [
    String.raw`<\?xml version="1\.0" encoding="UTF-8"\?>`,
    String.raw`<checkstyle version="4\.3">`,
    String.raw`  <file name=${XML_ATTRIBUTE}>`,
    String.raw`    <error line="\d+" column="\d+" severity="(?:error|warning|info)" message=${XML_ATTRIBUTE} source=${XML_ATTRIBUTE}/>`,
    String.raw`  </file>`,
    String.raw`</checkstyle>`,
  ]
    .map((line) => `^${line}$`)
    .join("|"),
  "u",
);
