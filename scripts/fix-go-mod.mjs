// After `jsii-pacmak --targets go --code-only`: drop the `// indirect` requirements from the generated
// go.mod. pacmak takes their versions from node_modules (e.g. cloud-assembly-schema-go v53.28.0 / v54.26.0),
// which the Go module proxy may not serve; the consumer's `go mod tidy` picks the ones awscdk/v2 itself requires.
import { readFileSync, writeFileSync } from 'node:fs';
const file = new URL('../dist/go/cdkconnectresources/go.mod', import.meta.url);
const text = readFileSync(file, 'utf8');
writeFileSync(file, text.split('\n').filter((line) => !line.trimEnd().endsWith('// indirect')).join('\n'));
