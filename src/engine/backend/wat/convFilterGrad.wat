;; Direct filter gradient of a stride-1 convolution, a GEMM micro-kernel over a zero-padded NHWC input `xp`.
;; Every product goes through f32x4.relaxed_madd, which V8 lowers to one FMA instruction; the
;; build also emits a copy with mul+add for engines without relaxed SIMD.

;; Filter gradient of a stride-1 convolution: dw[kh, kw, c, :] = sum over (b, y, x) of
;; xp[b, y+kh, x+kw, c] * dy[b, y, x, :], with dy of shape [n, oh, ow, co] and co % 8 == 0.
;; Output rows are taken in blocks of about 64 pixels, small enough for the block's dy and xp
;; to stay in L1 while every tile of 4 filter rows (kh, kw, c) × 8 output channels sweeps it
;; (without blocking each tile streams all of dy and xp from L2, which bounds it at ~30 GFLOPS).
;; scratch: 4·(rows rounded up to 4 + n·oh) bytes for precomputed offsets.
(func (export "convFilterGrad")
  (param $xp i32) (param $dy i32) (param $dw i32) (param $n i32) (param $hp i32) (param $wp i32) (param $ci i32)
  (param $co i32) (param $fh i32) (param $fw i32) (param $scratch i32)
  (local $oh i32) (local $ow i32) (local $rows i32) (local $lines i32) (local $rowBases i32) (local $i i32)
  (local $r0 i32) (local $r1 i32) (local $ry i32) (local $cb i32) (local $rb i32) (local $x i32)
  (local $o0 i32) (local $o1 i32) (local $o2 i32) (local $o3 i32)
  (local $xa i32) (local $d i32) (local $px i32) (local $coBytes i32) (local $rowBytes i32) (local $t i32)
  (local $v0 v128) (local $v1 v128) (local $s v128)
  (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
  (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
  (local.set $oh (i32.add (i32.sub (local.get $hp) (local.get $fh)) (i32.const 1)))
  (local.set $ow (i32.add (i32.sub (local.get $wp) (local.get $fw)) (i32.const 1)))
  (local.set $rows (i32.mul (i32.mul (local.get $fh) (local.get $fw)) (local.get $ci)))
  (local.set $lines (i32.mul (local.get $n) (local.get $oh)))
  (local.set $px (i32.shl (local.get $ci) (i32.const 2)))
  (local.set $coBytes (i32.shl (local.get $co) (i32.const 2)))
  (local.set $rowBytes (i32.mul (local.get $ow) (local.get $coBytes)))
  ;; xp offset of each filter row (rows past the end repeat the last: computed, not stored),
  ;; then the xp address of each output line's first window.
  (local.set $t (i32.and (i32.add (local.get $rows) (i32.const 3)) (i32.const -4)))
  (local.set $rowBases (i32.add (local.get $scratch) (i32.shl (local.get $t) (i32.const 2))))
  (loop $lo
    (i32.store (i32.add (local.get $scratch) (i32.shl (local.get $i) (i32.const 2)))
      (call $rowOffset (local.get $i) (local.get $rows) (local.get $ci) (local.get $fw) (local.get $wp)))
    (br_if $lo (i32.lt_s (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $t))))
  (local.set $i (i32.const 0))
  (loop $ll
    (i32.store (i32.add (local.get $rowBases) (i32.shl (local.get $i) (i32.const 2)))
      (i32.add (local.get $xp) (i32.mul (i32.mul (i32.add (i32.mul (i32.div_u (local.get $i) (local.get $oh)) (local.get $hp))
        (i32.rem_u (local.get $i) (local.get $oh))) (local.get $wp)) (local.get $px))))
    (br_if $ll (i32.lt_s (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $lines))))
  (local.set $t (i32.div_u (i32.const 64) (local.get $ow)))
  (if (i32.eqz (local.get $t)) (then (local.set $t (i32.const 1))))
  (loop $lblock
    (local.set $r1 (i32.add (local.get $r0) (local.get $t)))
    (if (i32.gt_s (local.get $r1) (local.get $lines)) (then (local.set $r1 (local.get $lines))))
    (local.set $cb (i32.const 0))
    (loop $lcb
      (local.set $rb (i32.const 0))
      (loop $lrb
        (local.set $i (i32.add (local.get $scratch) (i32.shl (local.get $rb) (i32.const 2))))
        (local.set $o0 (i32.load offset=0 (local.get $i)))
        (local.set $o1 (i32.load offset=4 (local.get $i)))
        (local.set $o2 (i32.load offset=8 (local.get $i)))
        (local.set $o3 (i32.load offset=12 (local.get $i)))
        ;; The first block starts the sums, later ones continue them from dw.
        (local.set $c00 (v128.const i32x4 0 0 0 0)) (local.set $c01 (v128.const i32x4 0 0 0 0))
        (local.set $c10 (v128.const i32x4 0 0 0 0)) (local.set $c11 (v128.const i32x4 0 0 0 0))
        (local.set $c20 (v128.const i32x4 0 0 0 0)) (local.set $c21 (v128.const i32x4 0 0 0 0))
        (local.set $c30 (v128.const i32x4 0 0 0 0)) (local.set $c31 (v128.const i32x4 0 0 0 0))
        (if (local.get $r0) (then
          (local.set $d (call $dwRow (local.get $dw) (local.get $rb) (local.get $rows) (local.get $coBytes) (local.get $cb)))
          (local.set $c00 (v128.load offset=0 (local.get $d))) (local.set $c01 (v128.load offset=16 (local.get $d)))
          (local.set $d (call $dwRow (local.get $dw) (i32.add (local.get $rb) (i32.const 1)) (local.get $rows) (local.get $coBytes) (local.get $cb)))
          (local.set $c10 (v128.load offset=0 (local.get $d))) (local.set $c11 (v128.load offset=16 (local.get $d)))
          (local.set $d (call $dwRow (local.get $dw) (i32.add (local.get $rb) (i32.const 2)) (local.get $rows) (local.get $coBytes) (local.get $cb)))
          (local.set $c20 (v128.load offset=0 (local.get $d))) (local.set $c21 (v128.load offset=16 (local.get $d)))
          (local.set $d (call $dwRow (local.get $dw) (i32.add (local.get $rb) (i32.const 3)) (local.get $rows) (local.get $coBytes) (local.get $cb)))
          (local.set $c30 (v128.load offset=0 (local.get $d))) (local.set $c31 (v128.load offset=16 (local.get $d)))))
        (local.set $ry (local.get $r0))
        (loop $lry
          (local.set $xa (i32.load (i32.add (local.get $rowBases) (i32.shl (local.get $ry) (i32.const 2)))))
          (local.set $d (i32.add (i32.add (local.get $dy) (i32.mul (local.get $ry) (local.get $rowBytes))) (i32.shl (local.get $cb) (i32.const 2))))
          (local.set $x (local.get $ow))
          (loop $lx
            (local.set $v0 (v128.load offset=0 (local.get $d)))
            (local.set $v1 (v128.load offset=16 (local.get $d)))
            (local.set $s (v128.load32_splat (i32.add (local.get $xa) (local.get $o0))))
            (local.set $c00 (f32x4.relaxed_madd (local.get $s) (local.get $v0) (local.get $c00)))
            (local.set $c01 (f32x4.relaxed_madd (local.get $s) (local.get $v1) (local.get $c01)))
            (local.set $s (v128.load32_splat (i32.add (local.get $xa) (local.get $o1))))
            (local.set $c10 (f32x4.relaxed_madd (local.get $s) (local.get $v0) (local.get $c10)))
            (local.set $c11 (f32x4.relaxed_madd (local.get $s) (local.get $v1) (local.get $c11)))
            (local.set $s (v128.load32_splat (i32.add (local.get $xa) (local.get $o2))))
            (local.set $c20 (f32x4.relaxed_madd (local.get $s) (local.get $v0) (local.get $c20)))
            (local.set $c21 (f32x4.relaxed_madd (local.get $s) (local.get $v1) (local.get $c21)))
            (local.set $s (v128.load32_splat (i32.add (local.get $xa) (local.get $o3))))
            (local.set $c30 (f32x4.relaxed_madd (local.get $s) (local.get $v0) (local.get $c30)))
            (local.set $c31 (f32x4.relaxed_madd (local.get $s) (local.get $v1) (local.get $c31)))
            (local.set $xa (i32.add (local.get $xa) (local.get $px)))
            (local.set $d (i32.add (local.get $d) (local.get $coBytes)))
            (br_if $lx (local.tee $x (i32.sub (local.get $x) (i32.const 1)))))
          (br_if $lry (i32.lt_s (local.tee $ry (i32.add (local.get $ry) (i32.const 1))) (local.get $r1))))
        (local.set $d (call $dwRow (local.get $dw) (local.get $rb) (local.get $rows) (local.get $coBytes) (local.get $cb)))
        (v128.store offset=0 (local.get $d) (local.get $c00)) (v128.store offset=16 (local.get $d) (local.get $c01))
        (if (i32.lt_s (i32.add (local.get $rb) (i32.const 1)) (local.get $rows)) (then
          (local.set $d (i32.add (local.get $d) (local.get $coBytes)))
          (v128.store offset=0 (local.get $d) (local.get $c10)) (v128.store offset=16 (local.get $d) (local.get $c11))))
        (if (i32.lt_s (i32.add (local.get $rb) (i32.const 2)) (local.get $rows)) (then
          (local.set $d (i32.add (local.get $d) (local.get $coBytes)))
          (v128.store offset=0 (local.get $d) (local.get $c20)) (v128.store offset=16 (local.get $d) (local.get $c21))))
        (if (i32.lt_s (i32.add (local.get $rb) (i32.const 3)) (local.get $rows)) (then
          (local.set $d (i32.add (local.get $d) (local.get $coBytes)))
          (v128.store offset=0 (local.get $d) (local.get $c30)) (v128.store offset=16 (local.get $d) (local.get $c31))))
        (br_if $lrb (i32.lt_s (local.tee $rb (i32.add (local.get $rb) (i32.const 4))) (local.get $rows))))
      (br_if $lcb (i32.lt_s (local.tee $cb (i32.add (local.get $cb) (i32.const 8))) (local.get $co))))
    (br_if $lblock (i32.lt_s (local.tee $r0 (local.get $r1)) (local.get $lines)))))

;; Address of dw[min(r, rows-1), cb].
(func $dwRow (param $dw i32) (param $r i32) (param $rows i32) (param $coBytes i32) (param $cb i32) (result i32)
  (if (i32.ge_s (local.get $r) (local.get $rows)) (then (local.set $r (i32.sub (local.get $rows) (i32.const 1)))))
  (i32.add (local.get $dw) (i32.add (i32.mul (local.get $r) (local.get $coBytes)) (i32.shl (local.get $cb) (i32.const 2)))))

;; Byte offset in xp, from an output pixel's top-left input, of filter row min(r, rows-1) = (kh, kw, c).
(func $rowOffset (param $r i32) (param $rows i32) (param $ci i32) (param $fw i32) (param $wp i32) (result i32)
  (local $t i32)
  (if (i32.ge_s (local.get $r) (local.get $rows)) (then (local.set $r (i32.sub (local.get $rows) (i32.const 1)))))
  (local.set $t (i32.div_u (local.get $r) (local.get $ci)))
  (i32.shl (i32.add (i32.mul (i32.add (i32.mul (i32.div_u (local.get $t) (local.get $fw)) (local.get $wp)) (i32.rem_u (local.get $t) (local.get $fw)))
    (local.get $ci)) (i32.sub (local.get $r) (i32.mul (local.get $t) (local.get $ci)))) (i32.const 2)))
