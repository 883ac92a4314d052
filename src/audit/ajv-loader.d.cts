export declare function loadAjv(): typeof import('ajv');
