;; Column sums of a row-major [rows, cols] matrix, cols % 16 == 0: the reduction over N, H, W
;; of an NHWC tensor (batch-norm statistics and bias gradients) in one streaming pass.
;; Rows are summed in blocks of 32 before joining the total, which keeps float32 rounding
;; error near that of pairwise summation. dst[j] = scale * sum_i src[i*cols + j].
(func (export "colSum")
  (param $src i32) (param $rows i32) (param $cols i32) (param $dst i32) (param $scale f32)
  (local $j i32) (local $i i32) (local $end i32) (local $p i32) (local $stride i32)
  (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
  (local $b0 v128) (local $b1 v128) (local $b2 v128) (local $b3 v128)
  (local.set $stride (i32.shl (local.get $cols) (i32.const 2)))
  (loop $lj
    (local.set $a0 (v128.const i32x4 0 0 0 0)) (local.set $a1 (v128.const i32x4 0 0 0 0))
    (local.set $a2 (v128.const i32x4 0 0 0 0)) (local.set $a3 (v128.const i32x4 0 0 0 0))
    (local.set $p (i32.add (local.get $src) (i32.shl (local.get $j) (i32.const 2))))
    (local.set $i (i32.const 0))
    (block $done (loop $blocks
      (br_if $done (i32.ge_s (local.get $i) (local.get $rows)))
      (local.set $end (i32.add (local.get $i) (i32.const 32)))
      (if (i32.gt_s (local.get $end) (local.get $rows)) (then (local.set $end (local.get $rows))))
      (local.set $b0 (v128.const i32x4 0 0 0 0)) (local.set $b1 (v128.const i32x4 0 0 0 0))
      (local.set $b2 (v128.const i32x4 0 0 0 0)) (local.set $b3 (v128.const i32x4 0 0 0 0))
      (loop $li
        (local.set $b0 (f32x4.add (local.get $b0) (v128.load offset=0 (local.get $p))))
        (local.set $b1 (f32x4.add (local.get $b1) (v128.load offset=16 (local.get $p))))
        (local.set $b2 (f32x4.add (local.get $b2) (v128.load offset=32 (local.get $p))))
        (local.set $b3 (f32x4.add (local.get $b3) (v128.load offset=48 (local.get $p))))
        (local.set $p (i32.add (local.get $p) (local.get $stride)))
        (br_if $li (i32.lt_s (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $end))))
      (local.set $a0 (f32x4.add (local.get $a0) (local.get $b0))) (local.set $a1 (f32x4.add (local.get $a1) (local.get $b1)))
      (local.set $a2 (f32x4.add (local.get $a2) (local.get $b2))) (local.set $a3 (f32x4.add (local.get $a3) (local.get $b3)))
      (br $blocks)))
    (local.set $p (i32.add (local.get $dst) (i32.shl (local.get $j) (i32.const 2))))
    (v128.store offset=0 (local.get $p) (f32x4.mul (local.get $a0) (f32x4.splat (local.get $scale))))
    (v128.store offset=16 (local.get $p) (f32x4.mul (local.get $a1) (f32x4.splat (local.get $scale))))
    (v128.store offset=32 (local.get $p) (f32x4.mul (local.get $a2) (f32x4.splat (local.get $scale))))
    (v128.store offset=48 (local.get $p) (f32x4.mul (local.get $a3) (f32x4.splat (local.get $scale))))
    (br_if $lj (i32.lt_s (local.tee $j (i32.add (local.get $j) (i32.const 16))) (local.get $cols)))))
