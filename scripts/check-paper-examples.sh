#!/usr/bin/env bash
# Runs `mcheck diff --check` on every derivative the reference paper works out: each symbolic result must
# agree with central finite differences at random points. Usage: scripts/check-paper-examples.sh [MCHECK]
set -uo pipefail
cd "$(dirname "$0")/.."
mcheck=${1:-$(swift build --show-bin-path)/mcheck}
failed=0; count=0
# expression | with respect to | let | where
while IFS='|' read -r expr wrt decl cond; do
  [[ -z "$expr" || "$expr" == \#* ]] && continue
  count=$((count + 1))
  if ! out=$("$mcheck" diff "$expr" --wrt "$wrt" --let "$decl" --where "$cond" --check 2>&1); then
    failed=$((failed + 1)); echo "FAILED: d/d$wrt $expr"; echo "$out" | sed 's/^/    /'
  fi
done <<'EXAMPLES'
# Scalar derivative rules (the rule table)
99|x||
3x|x||
x^3|x||
x^2 + 3x|x||
x^2 - 3x|x||
x^2 x|x||
ln(x^2)|x||x > 0
9(x + x^2)|x||
# Partial derivatives and the gradient
3x^2 y|x||
3x^2 y|y||
2x + y^8|x||
2x + y^8|y||
# The Jacobian of the identity, element-wise binary operators
x|x|x: vector(n)|
w + x|w|w, x: vector(n)|
w + x|x|w, x: vector(n)|
w - x|w|w, x: vector(n)|
w - x|x|w, x: vector(n)|
w .* x|w|w, x: vector(n)|
w .* x|x|w, x: vector(n)|
w ./ x|w|w, x: vector(n)|
w ./ x|x|w, x: vector(n)|
# Scalar expansion
x + z|x|x: vector(n); z: scalar|
x + z|z|x: vector(n); z: scalar|
x z|x|x: vector(n); z: scalar|
x z|z|x: vector(n); z: scalar|
x - z|z|x: vector(n); z: scalar|
x / z|x|x: vector(n); z: scalar|
# Vector sum reduction
sum(x)|x|x: vector(n)|
sum(x z)|x|x: vector(n); z: scalar|
sum(x z)|z|x: vector(n); z: scalar|
# Chain rules: single-variable, total derivative, vector
sin(x^2)|x||
ln(sin(x^3)^2)|x||
x + x^2|x||
x x^2|x||
sin(x + x^2)|x||
[ln(x^2); sin(3x)]|x||
# The gradient of neuron activation
w . x|w|w, x: vector(n)|
w . x + b|b|w, x: vector(n); b: scalar|
max(0, z)|z||
max(0, x)|x|x: vector(n)|
max(0, w . x + b)|w|w, x: vector(n); b: scalar|
max(0, w . x + b)|b|w, x: vector(n); b: scalar|
# The gradient of the loss
(y - max(0, w . x + b))^2|w|w, x: vector(n); b, y: scalar|
(y - max(0, w . x + b))^2|b|w, x: vector(n); b, y: scalar|
1/N sum((y_i - max(0, w . x_i + b))^2, i, 1, N)|w|w: vector(n); x: vectors(N, n); y: vector(N); b: scalar|
1/N sum((y_i - max(0, w . x_i + b))^2, i, 1, N)|b|w: vector(n); x: vectors(N, n); y: vector(N); b: scalar|
EXAMPLES
echo "paper-examples: $((count - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]
