type Header = { key: string; value: string };
export declare const SECURITY_HEADERS: readonly Header[];
export declare const API_CONTENT_SECURITY_POLICY: Header;
