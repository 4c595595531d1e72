;; Training-mode batch norm (statistics of the batch) over a row-major [rows, cols] view of an
;; NHWC tensor, cols % 16 == 0: 3 passes forward and 2 backward instead of the ~30 full-size
;; ops of tfjs's moments + batchNorm and their gradients. Column reductions walk 16 channels
;; down the rows with 32-row partial sums, like colSum.

;; mean[j] and invstd[j] = 1/sqrt(var[j] + eps), the (biased) variance taken around the mean
;; in a second pass to avoid cancellation.
(func (export "bnStats")
  (param $x i32) (param $rows i32) (param $cols i32) (param $mean i32) (param $invstd i32) (param $eps f32)
  (local $j i32) (local $p i32) (local $stride i32) (local $inv v128)
  (local $m0 v128) (local $m1 v128) (local $m2 v128) (local $m3 v128)
  (local.set $stride (i32.shl (local.get $cols) (i32.const 2)))
  (local.set $inv (f32x4.splat (f32.div (f32.const 1) (f32.convert_i32_u (local.get $rows)))))
  (loop $lj
    (local.set $p (i32.add (local.get $x) (i32.shl (local.get $j) (i32.const 2))))
    (call $colSums16 (local.get $p) (local.get $rows) (local.get $stride) (i32.const 0) (i32.const 0) (local.get $mean) (local.get $j))
    (local.set $m0 (f32x4.mul (v128.load offset=0 (call $at (local.get $mean) (local.get $j))) (local.get $inv)))
    (local.set $m1 (f32x4.mul (v128.load offset=16 (call $at (local.get $mean) (local.get $j))) (local.get $inv)))
    (local.set $m2 (f32x4.mul (v128.load offset=32 (call $at (local.get $mean) (local.get $j))) (local.get $inv)))
    (local.set $m3 (f32x4.mul (v128.load offset=48 (call $at (local.get $mean) (local.get $j))) (local.get $inv)))
    (v128.store offset=0 (call $at (local.get $mean) (local.get $j)) (local.get $m0))
    (v128.store offset=16 (call $at (local.get $mean) (local.get $j)) (local.get $m1))
    (v128.store offset=32 (call $at (local.get $mean) (local.get $j)) (local.get $m2))
    (v128.store offset=48 (call $at (local.get $mean) (local.get $j)) (local.get $m3))
    ;; Sum of squared deviations, into invstd, then turned into 1/sqrt(var + eps).
    (call $colSums16 (local.get $p) (local.get $rows) (local.get $stride) (call $at (local.get $mean) (local.get $j)) (i32.const 1) (local.get $invstd) (local.get $j))
    (call $finishInvstd (call $at (local.get $invstd) (local.get $j)) (local.get $inv) (local.get $eps))
    (br_if $lj (i32.lt_s (local.tee $j (i32.add (local.get $j) (i32.const 16))) (local.get $cols)))))

;; Column sums of 16 channels starting at p (row stride in bytes) into dst[j..j+16]:
;; sum of x, or with squared=1 the sum of (x - center)² for center[0..16] at address c.
(func $colSums16 (param $p i32) (param $rows i32) (param $stride i32) (param $c i32) (param $squared i32) (param $dst i32) (param $j i32)
  (local $i i32) (local $end i32)
  (local $z0 v128) (local $z1 v128) (local $z2 v128) (local $z3 v128)
  (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
  (local $b0 v128) (local $b1 v128) (local $b2 v128) (local $b3 v128)
  (local $v v128)
  (if (local.get $squared) (then
    (local.set $z0 (v128.load offset=0 (local.get $c))) (local.set $z1 (v128.load offset=16 (local.get $c)))
    (local.set $z2 (v128.load offset=32 (local.get $c))) (local.set $z3 (v128.load offset=48 (local.get $c)))))
  (block $done (loop $blocks
    (br_if $done (i32.ge_s (local.get $i) (local.get $rows)))
    (local.set $end (i32.add (local.get $i) (i32.const 32)))
    (if (i32.gt_s (local.get $end) (local.get $rows)) (then (local.set $end (local.get $rows))))
    (local.set $b0 (v128.const i32x4 0 0 0 0)) (local.set $b1 (v128.const i32x4 0 0 0 0))
    (local.set $b2 (v128.const i32x4 0 0 0 0)) (local.set $b3 (v128.const i32x4 0 0 0 0))
    (if (local.get $squared)
      (then (loop $lsq
        (local.set $v (f32x4.sub (v128.load offset=0 (local.get $p)) (local.get $z0)))
        (local.set $b0 (f32x4.relaxed_madd (local.get $v) (local.get $v) (local.get $b0)))
        (local.set $v (f32x4.sub (v128.load offset=16 (local.get $p)) (local.get $z1)))
        (local.set $b1 (f32x4.relaxed_madd (local.get $v) (local.get $v) (local.get $b1)))
        (local.set $v (f32x4.sub (v128.load offset=32 (local.get $p)) (local.get $z2)))
        (local.set $b2 (f32x4.relaxed_madd (local.get $v) (local.get $v) (local.get $b2)))
        (local.set $v (f32x4.sub (v128.load offset=48 (local.get $p)) (local.get $z3)))
        (local.set $b3 (f32x4.relaxed_madd (local.get $v) (local.get $v) (local.get $b3)))
        (local.set $p (i32.add (local.get $p) (local.get $stride)))
        (br_if $lsq (i32.lt_s (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $end)))))
      (else (loop $lsum
        (local.set $b0 (f32x4.add (local.get $b0) (v128.load offset=0 (local.get $p))))
        (local.set $b1 (f32x4.add (local.get $b1) (v128.load offset=16 (local.get $p))))
        (local.set $b2 (f32x4.add (local.get $b2) (v128.load offset=32 (local.get $p))))
        (local.set $b3 (f32x4.add (local.get $b3) (v128.load offset=48 (local.get $p))))
        (local.set $p (i32.add (local.get $p) (local.get $stride)))
        (br_if $lsum (i32.lt_s (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $end))))))
    (local.set $a0 (f32x4.add (local.get $a0) (local.get $b0))) (local.set $a1 (f32x4.add (local.get $a1) (local.get $b1)))
    (local.set $a2 (f32x4.add (local.get $a2) (local.get $b2))) (local.set $a3 (f32x4.add (local.get $a3) (local.get $b3)))
    (br $blocks)))
  (local.set $p (call $at (local.get $dst) (local.get $j)))
  (v128.store offset=0 (local.get $p) (local.get $a0)) (v128.store offset=16 (local.get $p) (local.get $a1))
  (v128.store offset=32 (local.get $p) (local.get $a2)) (v128.store offset=48 (local.get $p) (local.get $a3)))

;; 16 sums of squares at p become 1/sqrt(sum * inv + eps) in place.
(func $finishInvstd (param $p i32) (param $inv v128) (param $eps f32)
  (local $k i32)
  (loop $l
    (v128.store (local.get $p) (f32x4.div (f32x4.splat (f32.const 1))
      (f32x4.sqrt (f32x4.add (f32x4.mul (v128.load (local.get $p)) (local.get $inv)) (f32x4.splat (local.get $eps))))))
    (local.set $p (i32.add (local.get $p) (i32.const 16)))
    (br_if $l (i32.lt_s (local.tee $k (i32.add (local.get $k) (i32.const 1))) (i32.const 4)))))

;; Address of element j of a float array.
(func $at (param $base i32) (param $j i32) (result i32)
  (i32.add (local.get $base) (i32.shl (local.get $j) (i32.const 2))))

;; y = (x - mean) * invstd * gamma + beta, then max(y, 0) when relu is set.
(func (export "bnApply")
  (param $x i32) (param $y i32) (param $rows i32) (param $cols i32)
  (param $mean i32) (param $invstd i32) (param $gamma i32) (param $beta i32) (param $relu i32)
  (local $end i32) (local $j i32) (local $floor v128) (local $v v128)
  (local.set $end (i32.add (local.get $x) (i32.shl (i32.mul (local.get $rows) (local.get $cols)) (i32.const 2))))
  ;; max(y, -inf) leaves y as is, so one loop serves both cases.
  (local.set $floor (select (v128.const f32x4 0 0 0 0) (v128.const f32x4 -inf -inf -inf -inf) (local.get $relu)))
  (loop $lr
    (local.set $j (i32.const 0))
    (loop $lc
      (local.set $v (f32x4.mul (f32x4.sub (v128.load (local.get $x)) (v128.load (call $at (local.get $mean) (local.get $j))))
        (f32x4.mul (v128.load (call $at (local.get $invstd) (local.get $j))) (v128.load (call $at (local.get $gamma) (local.get $j))))))
      (v128.store (local.get $y) (f32x4.max (f32x4.add (local.get $v) (v128.load (call $at (local.get $beta) (local.get $j)))) (local.get $floor)))
      (local.set $x (i32.add (local.get $x) (i32.const 16)))
      (local.set $y (i32.add (local.get $y) (i32.const 16)))
      (br_if $lc (i32.lt_s (local.tee $j (i32.add (local.get $j) (i32.const 4))) (local.get $cols))))
    (br_if $lr (i32.lt_u (local.get $x) (local.get $end)))))

;; Backward of bnApply through the batch statistics. With g = dy (masked by y > 0 when relu):
;; dbeta = sum g, dgamma = invstd * sum g·(x - mean) and
;; dx = gamma * invstd * (g - dbeta/rows - (x - mean) * invstd * dgamma/rows).
(func (export "bnGrad")
  (param $x i32) (param $dy i32) (param $y i32) (param $rows i32) (param $cols i32) (param $mean i32) (param $invstd i32)
  (param $gamma i32) (param $relu i32) (param $dx i32) (param $dgamma i32) (param $dbeta i32)
  (local $j i32) (local $k i32) (local $q i32) (local $end i32) (local $stride i32) (local $inv v128) (local $keep v128)
  (local $g v128) (local $d v128) (local $a v128)
  (local.set $stride (i32.shl (local.get $cols) (i32.const 2)))
  (local.set $inv (f32x4.splat (f32.div (f32.const 1) (f32.convert_i32_u (local.get $rows)))))
  ;; All lanes set without relu: the mask (y > 0) | keep then passes every gradient.
  (local.set $keep (select (v128.const i32x4 0 0 0 0) (v128.const i32x4 -1 -1 -1 -1) (local.get $relu)))
  (loop $lj
    (call $gradSums16 (local.get $x) (local.get $dy) (local.get $y) (local.get $rows) (local.get $stride) (local.get $j)
      (local.get $mean) (local.get $keep) (local.get $dgamma) (local.get $dbeta))
    (local.set $k (local.get $j))
    (loop $lk
      (local.set $q (call $at (local.get $dgamma) (local.get $k)))
      (v128.store (local.get $q) (f32x4.mul (v128.load (local.get $q)) (v128.load (call $at (local.get $invstd) (local.get $k)))))
      (br_if $lk (i32.lt_s (local.tee $k (i32.add (local.get $k) (i32.const 4))) (i32.add (local.get $j) (i32.const 16)))))
    (br_if $lj (i32.lt_s (local.tee $j (i32.add (local.get $j) (i32.const 16))) (local.get $cols))))
  (local.set $end (i32.add (local.get $x) (i32.mul (local.get $rows) (local.get $stride))))
  (loop $lr
    (local.set $j (i32.const 0))
    (loop $lc
      (local.set $g (call $masked (local.get $dy) (local.get $y) (local.get $keep)))
      (local.set $a (v128.load (call $at (local.get $invstd) (local.get $j))))
      (local.set $d (f32x4.sub (f32x4.sub (local.get $g) (f32x4.mul (v128.load (call $at (local.get $dbeta) (local.get $j))) (local.get $inv)))
        (f32x4.mul (f32x4.mul (f32x4.sub (v128.load (local.get $x)) (v128.load (call $at (local.get $mean) (local.get $j)))) (local.get $a))
          (f32x4.mul (v128.load (call $at (local.get $dgamma) (local.get $j))) (local.get $inv)))))
      (v128.store (local.get $dx) (f32x4.mul (local.get $d) (f32x4.mul (local.get $a) (v128.load (call $at (local.get $gamma) (local.get $j))))))
      (local.set $x (i32.add (local.get $x) (i32.const 16)))
      (local.set $dy (i32.add (local.get $dy) (i32.const 16)))
      (local.set $y (i32.add (local.get $y) (i32.const 16)))
      (local.set $dx (i32.add (local.get $dx) (i32.const 16)))
      (br_if $lc (i32.lt_s (local.tee $j (i32.add (local.get $j) (i32.const 4))) (local.get $cols))))
    (br_if $lr (i32.lt_u (local.get $x) (local.get $end)))))

;; For channels j..j+16: dbeta = sum g and dgamma = sum g·(x - mean) (not yet times invstd).
;; All 16 channels of a row at once, so each cache line of x, dy and y is read once; 32-row
;; partial sums (in registers) are added to the totals (in dgamma, dbeta) as in colSum.
(func $gradSums16
  (param $x i32) (param $dy i32) (param $y i32) (param $rows i32) (param $stride i32) (param $j i32)
  (param $mean i32) (param $keep v128) (param $dgamma i32) (param $dbeta i32)
  (local $i i32) (local $end i32) (local $off i32)
  (local $m0 v128) (local $m1 v128) (local $m2 v128) (local $m3 v128) (local $g v128) (local $v v128)
  (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128)
  (local $t0 v128) (local $t1 v128) (local $t2 v128) (local $t3 v128)
  (local.set $m0 (v128.load offset=0 (call $at (local.get $mean) (local.get $j))))
  (local.set $m1 (v128.load offset=16 (call $at (local.get $mean) (local.get $j))))
  (local.set $m2 (v128.load offset=32 (call $at (local.get $mean) (local.get $j))))
  (local.set $m3 (v128.load offset=48 (call $at (local.get $mean) (local.get $j))))
  (call $zero16 (call $at (local.get $dgamma) (local.get $j)))
  (call $zero16 (call $at (local.get $dbeta) (local.get $j)))
  (local.set $off (i32.shl (local.get $j) (i32.const 2)))
  (block $done (loop $blocks
    (br_if $done (i32.ge_s (local.get $i) (local.get $rows)))
    (local.set $end (i32.add (local.get $i) (i32.const 32)))
    (if (i32.gt_s (local.get $end) (local.get $rows)) (then (local.set $end (local.get $rows))))
    (local.set $s0 (v128.const i32x4 0 0 0 0)) (local.set $s1 (v128.const i32x4 0 0 0 0))
    (local.set $s2 (v128.const i32x4 0 0 0 0)) (local.set $s3 (v128.const i32x4 0 0 0 0))
    (local.set $t0 (v128.const i32x4 0 0 0 0)) (local.set $t1 (v128.const i32x4 0 0 0 0))
    (local.set $t2 (v128.const i32x4 0 0 0 0)) (local.set $t3 (v128.const i32x4 0 0 0 0))
    (loop $li
      (local.set $g (call $masked (i32.add (local.get $dy) (local.get $off)) (i32.add (local.get $y) (local.get $off)) (local.get $keep)))
      (local.set $v (f32x4.sub (v128.load offset=0 (i32.add (local.get $x) (local.get $off))) (local.get $m0)))
      (local.set $s0 (f32x4.add (local.get $s0) (local.get $g)))
      (local.set $t0 (f32x4.relaxed_madd (local.get $g) (local.get $v) (local.get $t0)))
      (local.set $g (call $masked (i32.add (i32.add (local.get $dy) (local.get $off)) (i32.const 16)) (i32.add (i32.add (local.get $y) (local.get $off)) (i32.const 16)) (local.get $keep)))
      (local.set $v (f32x4.sub (v128.load offset=16 (i32.add (local.get $x) (local.get $off))) (local.get $m1)))
      (local.set $s1 (f32x4.add (local.get $s1) (local.get $g)))
      (local.set $t1 (f32x4.relaxed_madd (local.get $g) (local.get $v) (local.get $t1)))
      (local.set $g (call $masked (i32.add (i32.add (local.get $dy) (local.get $off)) (i32.const 32)) (i32.add (i32.add (local.get $y) (local.get $off)) (i32.const 32)) (local.get $keep)))
      (local.set $v (f32x4.sub (v128.load offset=32 (i32.add (local.get $x) (local.get $off))) (local.get $m2)))
      (local.set $s2 (f32x4.add (local.get $s2) (local.get $g)))
      (local.set $t2 (f32x4.relaxed_madd (local.get $g) (local.get $v) (local.get $t2)))
      (local.set $g (call $masked (i32.add (i32.add (local.get $dy) (local.get $off)) (i32.const 48)) (i32.add (i32.add (local.get $y) (local.get $off)) (i32.const 48)) (local.get $keep)))
      (local.set $v (f32x4.sub (v128.load offset=48 (i32.add (local.get $x) (local.get $off))) (local.get $m3)))
      (local.set $s3 (f32x4.add (local.get $s3) (local.get $g)))
      (local.set $t3 (f32x4.relaxed_madd (local.get $g) (local.get $v) (local.get $t3)))
      (local.set $off (i32.add (local.get $off) (local.get $stride)))
      (br_if $li (i32.lt_s (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $end))))
    (call $add16 (call $at (local.get $dbeta) (local.get $j)) (local.get $s0) (local.get $s1) (local.get $s2) (local.get $s3))
    (call $add16 (call $at (local.get $dgamma) (local.get $j)) (local.get $t0) (local.get $t1) (local.get $t2) (local.get $t3))
    (br $blocks))))

;; dy at p where y > 0 (or everywhere when keep is all ones), else 0.
(func $masked (param $dy i32) (param $y i32) (param $keep v128) (result v128)
  (v128.and (v128.load (local.get $dy)) (v128.or (f32x4.gt (v128.load (local.get $y)) (v128.const f32x4 0 0 0 0)) (local.get $keep))))

(func $zero16 (param $p i32)
  (memory.fill (local.get $p) (i32.const 0) (i32.const 64)))

;; p[0..16] += (a, b, c, d).
(func $add16 (param $p i32) (param $a v128) (param $b v128) (param $c v128) (param $d v128)
  (v128.store offset=0 (local.get $p) (f32x4.add (v128.load offset=0 (local.get $p)) (local.get $a)))
  (v128.store offset=16 (local.get $p) (f32x4.add (v128.load offset=16 (local.get $p)) (local.get $b)))
  (v128.store offset=32 (local.get $p) (f32x4.add (v128.load offset=32 (local.get $p)) (local.get $c)))
  (v128.store offset=48 (local.get $p) (f32x4.add (v128.load offset=48 (local.get $p)) (local.get $d))))
