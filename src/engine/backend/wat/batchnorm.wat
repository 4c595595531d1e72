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

;; y = x * scale + shift, then max(y, 0) when relu is set, with per-channel scale = gamma * invstd
;; and shift = beta - mean * scale first written to scratch[0..2*cols).
(func (export "bnApply")
  (param $x i32) (param $y i32) (param $rows i32) (param $cols i32)
  (param $mean i32) (param $invstd i32) (param $gamma i32) (param $beta i32) (param $relu i32) (param $scratch i32)
  (local $end i32) (local $j i32) (local $o i32) (local $shift i32) (local $floor v128) (local $scale v128)
  (local.set $shift (i32.add (local.get $scratch) (i32.shl (local.get $cols) (i32.const 2))))
  (loop $lk
    (local.set $o (i32.shl (local.get $j) (i32.const 2)))
    (local.set $scale (f32x4.mul (v128.load (i32.add (local.get $gamma) (local.get $o))) (v128.load (i32.add (local.get $invstd) (local.get $o)))))
    (v128.store (i32.add (local.get $scratch) (local.get $o)) (local.get $scale))
    (v128.store (i32.add (local.get $shift) (local.get $o)) (f32x4.sub (v128.load (i32.add (local.get $beta) (local.get $o)))
      (f32x4.mul (v128.load (i32.add (local.get $mean) (local.get $o))) (local.get $scale))))
    (br_if $lk (i32.lt_s (local.tee $j (i32.add (local.get $j) (i32.const 4))) (local.get $cols))))
  (local.set $end (i32.add (local.get $x) (i32.shl (i32.mul (local.get $rows) (local.get $cols)) (i32.const 2))))
  ;; max(y, -inf) leaves y as is, so one loop serves both cases.
  (local.set $floor (select (v128.const f32x4 0 0 0 0) (v128.const f32x4 -inf -inf -inf -inf) (local.get $relu)))
  (loop $lr
    (local.set $o (i32.const 0))
    (loop $lc
      (v128.store (local.get $y) (f32x4.max (f32x4.add (f32x4.mul (v128.load (local.get $x)) (v128.load (i32.add (local.get $scratch) (local.get $o))))
        (v128.load (i32.add (local.get $shift) (local.get $o)))) (local.get $floor)))
      (local.set $x (i32.add (local.get $x) (i32.const 16)))
      (local.set $y (i32.add (local.get $y) (i32.const 16)))
      (br_if $lc (i32.lt_s (local.tee $o (i32.add (local.get $o) (i32.const 16))) (i32.shl (local.get $cols) (i32.const 2)))))
    (br_if $lr (i32.lt_u (local.get $x) (local.get $end)))))

;; Backward of bnApply through the batch statistics. With g = dy (masked by y > 0 when relu):
;; dbeta = sum g, dgamma = invstd * sum g·(x − mean), and dx = a·(g − dbeta/rows − (x − mean)·invstd·dgamma/rows)
;; with a = gamma·invstd, computed as dx = A·g + B·x + C from per-channel A, B, C. scratch holds
;; 5·cols floats: A, B, C, then the two 32-row partial sums. Both passes stream rows in memory
;; order (column-wise walks over these 3 tensors defeat the hardware prefetcher).
(func (export "bnGrad")
  (param $x i32) (param $dy i32) (param $y i32) (param $rows i32) (param $cols i32) (param $mean i32) (param $invstd i32)
  (param $gamma i32) (param $relu i32) (param $dx i32) (param $dgamma i32) (param $dbeta i32) (param $scratch i32)
  (local $i i32) (local $o i32) (local $stride i32) (local $sb i32) (local $sc i32) (local $pg i32) (local $pgx i32)
  (local $px i32) (local $pdy i32) (local $py i32) (local $q i32)
  (local $inv v128) (local $keep v128) (local $is v128) (local $a v128) (local $bv v128) (local $g v128)
  (local.set $stride (i32.shl (local.get $cols) (i32.const 2)))
  (local.set $inv (f32x4.splat (f32.div (f32.const 1) (f32.convert_i32_u (local.get $rows)))))
  ;; All lanes set without relu: the mask (y > 0) | keep then passes every gradient.
  (local.set $keep (select (v128.const i32x4 0 0 0 0) (v128.const i32x4 -1 -1 -1 -1) (local.get $relu)))
  (local.set $sb (i32.add (local.get $scratch) (local.get $stride)))
  (local.set $sc (i32.add (local.get $sb) (local.get $stride)))
  (local.set $pg (i32.add (local.get $sc) (local.get $stride)))
  (local.set $pgx (i32.add (local.get $pg) (local.get $stride)))
  (memory.fill (local.get $dbeta) (i32.const 0) (local.get $stride))
  (memory.fill (local.get $dgamma) (i32.const 0) (local.get $stride))
  (memory.fill (local.get $pg) (i32.const 0) (i32.shl (local.get $stride) (i32.const 1)))
  ;; Pass 1: sums of g and g·(x − mean) per channel.
  (local.set $px (local.get $x)) (local.set $pdy (local.get $dy)) (local.set $py (local.get $y))
  (loop $lr1
    (local.set $o (i32.const 0))
    (loop $lc1
      (local.set $g (v128.and (v128.load (local.get $pdy)) (v128.or (f32x4.gt (v128.load (local.get $py)) (v128.const f32x4 0 0 0 0)) (local.get $keep))))
      (local.set $q (i32.add (local.get $pg) (local.get $o)))
      (v128.store (local.get $q) (f32x4.add (v128.load (local.get $q)) (local.get $g)))
      (local.set $q (i32.add (local.get $pgx) (local.get $o)))
      (local.set $a (f32x4.sub (v128.load (local.get $px)) (v128.load (i32.add (local.get $mean) (local.get $o)))))
      (local.set $bv (v128.load (local.get $q)))
      (v128.store (local.get $q) (f32x4.relaxed_madd (local.get $g) (local.get $a) (local.get $bv)))
      (local.set $px (i32.add (local.get $px) (i32.const 16)))
      (local.set $pdy (i32.add (local.get $pdy) (i32.const 16)))
      (local.set $py (i32.add (local.get $py) (i32.const 16)))
      (br_if $lc1 (i32.lt_s (local.tee $o (i32.add (local.get $o) (i32.const 16))) (local.get $stride))))
    (local.set $i (i32.add (local.get $i) (i32.const 1)))
    ;; Every 32 rows and at the end, fold the partial sums into the totals.
    (if (i32.or (i32.eqz (i32.and (local.get $i) (i32.const 31))) (i32.eq (local.get $i) (local.get $rows))) (then
      (local.set $o (i32.const 0))
      (loop $lf
        (local.set $q (i32.add (local.get $dbeta) (local.get $o)))
        (v128.store (local.get $q) (f32x4.add (v128.load (local.get $q)) (v128.load (i32.add (local.get $pg) (local.get $o)))))
        (local.set $q (i32.add (local.get $dgamma) (local.get $o)))
        (v128.store (local.get $q) (f32x4.add (v128.load (local.get $q)) (v128.load (i32.add (local.get $pgx) (local.get $o)))))
        (br_if $lf (i32.lt_s (local.tee $o (i32.add (local.get $o) (i32.const 16))) (local.get $stride))))
      (memory.fill (local.get $pg) (i32.const 0) (i32.shl (local.get $stride) (i32.const 1)))))
    (br_if $lr1 (i32.lt_s (local.get $i) (local.get $rows))))
  ;; Per-channel dgamma, A, B, C.
  (local.set $o (i32.const 0))
  (loop $lk
    (local.set $is (v128.load (i32.add (local.get $invstd) (local.get $o))))
    (v128.store (i32.add (local.get $dgamma) (local.get $o)) (f32x4.mul (v128.load (i32.add (local.get $dgamma) (local.get $o))) (local.get $is)))
    (local.set $a (f32x4.mul (v128.load (i32.add (local.get $gamma) (local.get $o))) (local.get $is)))
    (local.set $bv (f32x4.neg (f32x4.mul (f32x4.mul (local.get $a) (local.get $is)) (f32x4.mul (v128.load (i32.add (local.get $dgamma) (local.get $o))) (local.get $inv)))))
    (v128.store (i32.add (local.get $scratch) (local.get $o)) (local.get $a))
    (v128.store (i32.add (local.get $sb) (local.get $o)) (local.get $bv))
    (v128.store (i32.add (local.get $sc) (local.get $o)) (f32x4.sub
      (f32x4.neg (f32x4.mul (local.get $a) (f32x4.mul (v128.load (i32.add (local.get $dbeta) (local.get $o))) (local.get $inv))))
      (f32x4.mul (local.get $bv) (v128.load (i32.add (local.get $mean) (local.get $o))))))
    (br_if $lk (i32.lt_s (local.tee $o (i32.add (local.get $o) (i32.const 16))) (local.get $stride))))
  ;; Pass 2: dx.
  (local.set $i (i32.const 0))
  (loop $lr
    (local.set $o (i32.const 0))
    (loop $lc
      (local.set $g (v128.and (v128.load (local.get $dy)) (v128.or (f32x4.gt (v128.load (local.get $y)) (v128.const f32x4 0 0 0 0)) (local.get $keep))))
      (v128.store (local.get $dx) (f32x4.add (f32x4.add
        (f32x4.mul (local.get $g) (v128.load (i32.add (local.get $scratch) (local.get $o))))
        (f32x4.mul (v128.load (local.get $x)) (v128.load (i32.add (local.get $sb) (local.get $o)))))
        (v128.load (i32.add (local.get $sc) (local.get $o)))))
      (local.set $x (i32.add (local.get $x) (i32.const 16)))
      (local.set $dy (i32.add (local.get $dy) (i32.const 16)))
      (local.set $y (i32.add (local.get $y) (i32.const 16)))
      (local.set $dx (i32.add (local.get $dx) (i32.const 16)))
      (br_if $lc (i32.lt_s (local.tee $o (i32.add (local.get $o) (i32.const 16))) (local.get $stride))))
    (br_if $lr (i32.lt_s (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $rows)))))
