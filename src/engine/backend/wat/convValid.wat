;; Direct stride-1 convolution, a GEMM micro-kernel over a zero-padded NHWC input `xp` ([n, hp, wp, ci]).
;; Every product goes through f32x4.relaxed_madd, which V8 lowers to one FMA instruction; the
;; build also emits a copy with mul+add for engines without relaxed SIMD.

;; out[b, y, x, :] = sum over (kh, kw, c) of xp[b, y+kh, x+kw, c] * wt[kh, kw, c, :], for
;; oh = hp-fh+1, ow = wp-fw+1 and co % 8 == 0. Tiles of 4 output pixels × 8 output channels
;; (8 accumulators) keep V8's 15 usable vector registers free of spills.
(func (export "convValid")
  (param $xp i32) (param $wt i32) (param $out i32) (param $n i32) (param $hp i32) (param $wp i32) (param $ci i32)
  (param $co i32) (param $fh i32) (param $fw i32)
  (local $oh i32) (local $ow i32) (local $pixels i32) (local $pb i32) (local $cb i32) (local $px i32) (local $colSkip i32) (local $rowSkip i32)
  (local $b0 i32) (local $b1 i32) (local $b2 i32) (local $b3 i32)
  (local $a0 i32) (local $a1 i32) (local $a2 i32) (local $a3 i32)
  (local $kh i32) (local $kw i32) (local $c i32) (local $w i32) (local $tap i32) (local $rowStep i32) (local $coBytes i32) (local $o i32)
  (local $v0 v128) (local $v1 v128) (local $s v128)
  (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
  (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
  (local.set $oh (i32.add (i32.sub (local.get $hp) (local.get $fh)) (i32.const 1)))
  (local.set $ow (i32.add (i32.sub (local.get $wp) (local.get $fw)) (i32.const 1)))
  (local.set $pixels (i32.mul (local.get $n) (i32.mul (local.get $oh) (local.get $ow))))
  (local.set $px (i32.shl (local.get $ci) (i32.const 2)))
  (local.set $rowStep (i32.mul (local.get $wp) (local.get $px)))
  (local.set $colSkip (i32.mul (i32.sub (local.get $fw) (i32.const 1)) (local.get $px)))
  (local.set $rowSkip (i32.mul (i32.sub (local.get $fh) (i32.const 1)) (local.get $rowStep)))
  (local.set $coBytes (i32.shl (local.get $co) (i32.const 2)))
  (loop $lcb
    (global.set $cur (local.get $xp)) (global.set $cx (i32.const 0)) (global.set $cy (i32.const 0))
    (local.set $pb (i32.const 0))
    (loop $lpb
      ;; Window address of each pixel of the tile; past the last pixel, repeat it (not stored).
      (local.set $b0 (call $nextPixel (local.get $ow) (local.get $oh) (local.get $colSkip) (local.get $rowSkip) (local.get $px)))
      (local.set $b1 (local.get $b0))
      (if (i32.lt_s (i32.add (local.get $pb) (i32.const 1)) (local.get $pixels)) (then
        (local.set $b1 (call $nextPixel (local.get $ow) (local.get $oh) (local.get $colSkip) (local.get $rowSkip) (local.get $px)))))
      (local.set $b2 (local.get $b1))
      (if (i32.lt_s (i32.add (local.get $pb) (i32.const 2)) (local.get $pixels)) (then
        (local.set $b2 (call $nextPixel (local.get $ow) (local.get $oh) (local.get $colSkip) (local.get $rowSkip) (local.get $px)))))
      (local.set $b3 (local.get $b2))
      (if (i32.lt_s (i32.add (local.get $pb) (i32.const 3)) (local.get $pixels)) (then
        (local.set $b3 (call $nextPixel (local.get $ow) (local.get $oh) (local.get $colSkip) (local.get $rowSkip) (local.get $px)))))
      (local.set $c00 (v128.const i32x4 0 0 0 0)) (local.set $c01 (v128.const i32x4 0 0 0 0))
      (local.set $c10 (v128.const i32x4 0 0 0 0)) (local.set $c11 (v128.const i32x4 0 0 0 0))
      (local.set $c20 (v128.const i32x4 0 0 0 0)) (local.set $c21 (v128.const i32x4 0 0 0 0))
      (local.set $c30 (v128.const i32x4 0 0 0 0)) (local.set $c31 (v128.const i32x4 0 0 0 0))
      (local.set $w (i32.add (local.get $wt) (i32.shl (local.get $cb) (i32.const 2))))
      (local.set $kh (i32.const 0))
      (loop $lkh
        (local.set $kw (i32.const 0))
        (loop $lkw
          (local.set $tap (i32.add (i32.mul (local.get $kh) (local.get $rowStep)) (i32.mul (local.get $kw) (local.get $px))))
          (local.set $a0 (i32.add (local.get $b0) (local.get $tap)))
          (local.set $a1 (i32.add (local.get $b1) (local.get $tap)))
          (local.set $a2 (i32.add (local.get $b2) (local.get $tap)))
          (local.set $a3 (i32.add (local.get $b3) (local.get $tap)))
          (local.set $c (local.get $ci))
          (loop $lc
            (local.set $v0 (v128.load offset=0 (local.get $w)))
            (local.set $v1 (v128.load offset=16 (local.get $w)))
            (local.set $s (v128.load32_splat (local.get $a0)))
            (local.set $c00 (f32x4.relaxed_madd (local.get $s) (local.get $v0) (local.get $c00)))
            (local.set $c01 (f32x4.relaxed_madd (local.get $s) (local.get $v1) (local.get $c01)))
            (local.set $s (v128.load32_splat (local.get $a1)))
            (local.set $c10 (f32x4.relaxed_madd (local.get $s) (local.get $v0) (local.get $c10)))
            (local.set $c11 (f32x4.relaxed_madd (local.get $s) (local.get $v1) (local.get $c11)))
            (local.set $s (v128.load32_splat (local.get $a2)))
            (local.set $c20 (f32x4.relaxed_madd (local.get $s) (local.get $v0) (local.get $c20)))
            (local.set $c21 (f32x4.relaxed_madd (local.get $s) (local.get $v1) (local.get $c21)))
            (local.set $s (v128.load32_splat (local.get $a3)))
            (local.set $c30 (f32x4.relaxed_madd (local.get $s) (local.get $v0) (local.get $c30)))
            (local.set $c31 (f32x4.relaxed_madd (local.get $s) (local.get $v1) (local.get $c31)))
            (local.set $a0 (i32.add (local.get $a0) (i32.const 4)))
            (local.set $a1 (i32.add (local.get $a1) (i32.const 4)))
            (local.set $a2 (i32.add (local.get $a2) (i32.const 4)))
            (local.set $a3 (i32.add (local.get $a3) (i32.const 4)))
            (local.set $w (i32.add (local.get $w) (local.get $coBytes)))
            (br_if $lc (local.tee $c (i32.sub (local.get $c) (i32.const 1)))))
          (br_if $lkw (i32.lt_s (local.tee $kw (i32.add (local.get $kw) (i32.const 1))) (local.get $fw))))
        (br_if $lkh (i32.lt_s (local.tee $kh (i32.add (local.get $kh) (i32.const 1))) (local.get $fh))))
      ;; Store the tile's rows that exist.
      (local.set $o (i32.add (local.get $out) (i32.shl (i32.add (i32.mul (local.get $pb) (local.get $co)) (local.get $cb)) (i32.const 2))))
      (v128.store offset=0 (local.get $o) (local.get $c00)) (v128.store offset=16 (local.get $o) (local.get $c01))
      (if (i32.lt_s (i32.add (local.get $pb) (i32.const 1)) (local.get $pixels)) (then
        (local.set $o (i32.add (local.get $o) (local.get $coBytes)))
        (v128.store offset=0 (local.get $o) (local.get $c10)) (v128.store offset=16 (local.get $o) (local.get $c11))))
      (if (i32.lt_s (i32.add (local.get $pb) (i32.const 2)) (local.get $pixels)) (then
        (local.set $o (i32.add (local.get $o) (local.get $coBytes)))
        (v128.store offset=0 (local.get $o) (local.get $c20)) (v128.store offset=16 (local.get $o) (local.get $c21))))
      (if (i32.lt_s (i32.add (local.get $pb) (i32.const 3)) (local.get $pixels)) (then
        (local.set $o (i32.add (local.get $o) (local.get $coBytes)))
        (v128.store offset=0 (local.get $o) (local.get $c30)) (v128.store offset=16 (local.get $o) (local.get $c31))))
      (br_if $lpb (i32.lt_s (local.tee $pb (i32.add (local.get $pb) (i32.const 4))) (local.get $pixels))))
    (br_if $lcb (i32.lt_s (local.tee $cb (i32.add (local.get $cb) (i32.const 8))) (local.get $co)))))

;; Cursor over output pixels for convValid (row-major over [n, oh, ow]).
(global $cur (mut i32) (i32.const 0))
(global $cx (mut i32) (i32.const 0))
(global $cy (mut i32) (i32.const 0))

;; The xp address of the cursor's pixel window, then a step to the next pixel: colSkip and rowSkip
;; pass the fw-1 padding columns and fh-1 padding rows where no window starts.
(func $nextPixel (param $ow i32) (param $oh i32) (param $colSkip i32) (param $rowSkip i32) (param $px i32) (result i32)
  (local $p i32)
  (local.set $p (global.get $cur))
  (global.set $cur (i32.add (global.get $cur) (local.get $px)))
  (global.set $cx (i32.add (global.get $cx) (i32.const 1)))
  (if (i32.eq (global.get $cx) (local.get $ow)) (then
    (global.set $cx (i32.const 0))
    (global.set $cur (i32.add (global.get $cur) (local.get $colSkip)))
    (global.set $cy (i32.add (global.get $cy) (i32.const 1)))
    (if (i32.eq (global.get $cy) (local.get $oh)) (then
      (global.set $cy (i32.const 0))
      (global.set $cur (i32.add (global.get $cur) (local.get $rowSkip)))))))
  (local.get $p))
