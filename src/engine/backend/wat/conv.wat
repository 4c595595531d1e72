;; Stride-1 convolution GEMM micro-kernels over a zero-padded NHWC input `xp` ([n, hp, wp, ci]).
;; Every product goes through f32x4.relaxed_madd, which V8 lowers to one FMA instruction; the
;; build also emits a copy with mul+add for engines without relaxed SIMD.

;; out[b, y, x, :] = sum over (kh, kw, c) of xp[b, y+kh, x+kw, c] * wt[kh, kw, c, :], for
;; oh = hp-fh+1, ow = wp-fw+1 and co % 8 == 0. Tiles of 4 output pixels × 8 output channels
;; (8 accumulators) keep V8's 15 usable vector registers free of spills.
(func (export "convValid")
  (param $xp i32) (param $wt i32) (param $out i32) (param $n i32) (param $hp i32) (param $wp i32) (param $ci i32)
  (param $co i32) (param $fh i32) (param $fw i32)
  (local $oh i32) (local $ow i32) (local $pixels i32) (local $pb i32) (local $cb i32) (local $i i32) (local $p i32)
  (local $b0 i32) (local $b1 i32) (local $b2 i32) (local $b3 i32)
  (local $a0 i32) (local $a1 i32) (local $a2 i32) (local $a3 i32)
  (local $kh i32) (local $kw i32) (local $c i32) (local $w i32) (local $tap i32) (local $rowStep i32) (local $coBytes i32) (local $o i32)
  (local $v0 v128) (local $v1 v128) (local $s v128)
  (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
  (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
  (local.set $oh (i32.add (i32.sub (local.get $hp) (local.get $fh)) (i32.const 1)))
  (local.set $ow (i32.add (i32.sub (local.get $wp) (local.get $fw)) (i32.const 1)))
  (local.set $pixels (i32.mul (local.get $n) (i32.mul (local.get $oh) (local.get $ow))))
  (local.set $rowStep (i32.shl (i32.mul (local.get $wp) (local.get $ci)) (i32.const 2)))
  (local.set $coBytes (i32.shl (local.get $co) (i32.const 2)))
  (loop $lcb
    (local.set $pb (i32.const 0))
    (loop $lpb
      ;; Input address of each pixel of the tile; the last pixel repeats past the end.
      (local.set $b0 (call $pixelBase (local.get $xp) (local.get $pb) (local.get $pixels) (local.get $oh) (local.get $ow) (local.get $hp) (local.get $wp) (local.get $ci)))
      (local.set $b1 (call $pixelBase (local.get $xp) (i32.add (local.get $pb) (i32.const 1)) (local.get $pixels) (local.get $oh) (local.get $ow) (local.get $hp) (local.get $wp) (local.get $ci)))
      (local.set $b2 (call $pixelBase (local.get $xp) (i32.add (local.get $pb) (i32.const 2)) (local.get $pixels) (local.get $oh) (local.get $ow) (local.get $hp) (local.get $wp) (local.get $ci)))
      (local.set $b3 (call $pixelBase (local.get $xp) (i32.add (local.get $pb) (i32.const 3)) (local.get $pixels) (local.get $oh) (local.get $ow) (local.get $hp) (local.get $wp) (local.get $ci)))
      (local.set $c00 (v128.const i32x4 0 0 0 0)) (local.set $c01 (v128.const i32x4 0 0 0 0))
      (local.set $c10 (v128.const i32x4 0 0 0 0)) (local.set $c11 (v128.const i32x4 0 0 0 0))
      (local.set $c20 (v128.const i32x4 0 0 0 0)) (local.set $c21 (v128.const i32x4 0 0 0 0))
      (local.set $c30 (v128.const i32x4 0 0 0 0)) (local.set $c31 (v128.const i32x4 0 0 0 0))
      (local.set $w (i32.add (local.get $wt) (i32.shl (local.get $cb) (i32.const 2))))
      (local.set $kh (i32.const 0))
      (loop $lkh
        (local.set $kw (i32.const 0))
        (loop $lkw
          (local.set $tap (i32.add (i32.mul (local.get $kh) (local.get $rowStep)) (i32.shl (i32.mul (local.get $kw) (local.get $ci)) (i32.const 2))))
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

;; Address in xp of the top-left input of output pixel min(p, pixels-1).
(func $pixelBase (param $xp i32) (param $p i32) (param $pixels i32) (param $oh i32) (param $ow i32)
  (param $hp i32) (param $wp i32) (param $ci i32) (result i32)
  (local $q i32) (local $b i32) (local $y i32)
  (if (i32.ge_s (local.get $p) (local.get $pixels)) (then (local.set $p (i32.sub (local.get $pixels) (i32.const 1)))))
  (local.set $q (i32.div_u (local.get $p) (local.get $ow)))
  (local.set $b (i32.div_u (local.get $q) (local.get $oh)))
  (local.set $y (i32.sub (local.get $q) (i32.mul (local.get $b) (local.get $oh))))
  (i32.add (local.get $xp) (i32.shl
    (i32.mul (i32.add (i32.mul (i32.add (i32.mul (local.get $b) (local.get $hp)) (local.get $y)) (local.get $wp))
      (i32.sub (local.get $p) (i32.mul (local.get $q) (local.get $ow)))) (local.get $ci))
    (i32.const 2))))

;; Filter gradient of a stride-1 convolution: dw[kh, kw, c, :] = sum over (b, y, x) of
;; xp[b, y+kh, x+kw, c] * dy[b, y, x, :], with dy of shape [n, oh, ow, co] and co % 8 == 0.
;; Tiles of 4 filter rows (kh, kw, c) × 8 output channels run over blocks of about 96 output
;; pixels at a time, so that block of dy and xp stays in cache while every tile visits it.
(func (export "convFilterGrad")
  (param $xp i32) (param $dy i32) (param $dw i32) (param $n i32) (param $hp i32) (param $wp i32) (param $ci i32)
  (param $co i32) (param $fh i32) (param $fw i32)
  (local $oh i32) (local $ow i32) (local $rows i32) (local $yb i32) (local $b i32) (local $y0 i32) (local $y1 i32) (local $y i32)
  (local $cb i32) (local $rb i32) (local $x i32) (local $o0 i32) (local $o1 i32) (local $o2 i32) (local $o3 i32)
  (local $xa i32) (local $d i32) (local $ciBytes i32) (local $coBytes i32) (local $t i32)
  (local $v0 v128) (local $v1 v128) (local $s v128)
  (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
  (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
  (local.set $oh (i32.add (i32.sub (local.get $hp) (local.get $fh)) (i32.const 1)))
  (local.set $ow (i32.add (i32.sub (local.get $wp) (local.get $fw)) (i32.const 1)))
  (local.set $rows (i32.mul (i32.mul (local.get $fh) (local.get $fw)) (local.get $ci)))
  (local.set $ciBytes (i32.shl (local.get $ci) (i32.const 2)))
  (local.set $coBytes (i32.shl (local.get $co) (i32.const 2)))
  (memory.fill (local.get $dw) (i32.const 0) (i32.mul (local.get $rows) (local.get $coBytes)))
  (local.set $yb (i32.div_u (i32.const 96) (local.get $ow)))
  (if (i32.eqz (local.get $yb)) (then (local.set $yb (i32.const 1))))
  (loop $lb
    (local.set $y0 (i32.const 0))
    (loop $ly0
      (local.set $y1 (i32.add (local.get $y0) (local.get $yb)))
      (if (i32.gt_s (local.get $y1) (local.get $oh)) (then (local.set $y1 (local.get $oh))))
      (local.set $cb (i32.const 0))
      (loop $lcb
        (local.set $rb (i32.const 0))
        (loop $lrb
          (local.set $o0 (call $rowOffset (local.get $rb) (local.get $rows) (local.get $ci) (local.get $fw) (local.get $wp)))
          (local.set $o1 (call $rowOffset (i32.add (local.get $rb) (i32.const 1)) (local.get $rows) (local.get $ci) (local.get $fw) (local.get $wp)))
          (local.set $o2 (call $rowOffset (i32.add (local.get $rb) (i32.const 2)) (local.get $rows) (local.get $ci) (local.get $fw) (local.get $wp)))
          (local.set $o3 (call $rowOffset (i32.add (local.get $rb) (i32.const 3)) (local.get $rows) (local.get $ci) (local.get $fw) (local.get $wp)))
          ;; Accumulators continue from the previous pixel blocks (rows past the end repeat the last).
          (local.set $t (call $dwAddr (local.get $dw) (local.get $rb) (local.get $rows) (local.get $coBytes) (local.get $cb)))
          (local.set $c00 (v128.load offset=0 (local.get $t))) (local.set $c01 (v128.load offset=16 (local.get $t)))
          (local.set $t (call $dwAddr (local.get $dw) (i32.add (local.get $rb) (i32.const 1)) (local.get $rows) (local.get $coBytes) (local.get $cb)))
          (local.set $c10 (v128.load offset=0 (local.get $t))) (local.set $c11 (v128.load offset=16 (local.get $t)))
          (local.set $t (call $dwAddr (local.get $dw) (i32.add (local.get $rb) (i32.const 2)) (local.get $rows) (local.get $coBytes) (local.get $cb)))
          (local.set $c20 (v128.load offset=0 (local.get $t))) (local.set $c21 (v128.load offset=16 (local.get $t)))
          (local.set $t (call $dwAddr (local.get $dw) (i32.add (local.get $rb) (i32.const 3)) (local.get $rows) (local.get $coBytes) (local.get $cb)))
          (local.set $c30 (v128.load offset=0 (local.get $t))) (local.set $c31 (v128.load offset=16 (local.get $t)))
          (local.set $y (local.get $y0))
          (loop $ly
            (local.set $xa (i32.add (local.get $xp) (i32.mul (i32.mul (i32.add (i32.mul (local.get $b) (local.get $hp)) (local.get $y)) (local.get $wp)) (local.get $ciBytes))))
            (local.set $d (i32.add (local.get $dy) (i32.add (i32.mul (i32.mul (i32.add (i32.mul (local.get $b) (local.get $oh)) (local.get $y)) (local.get $ow)) (local.get $coBytes))
              (i32.shl (local.get $cb) (i32.const 2)))))
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
              (local.set $xa (i32.add (local.get $xa) (local.get $ciBytes)))
              (local.set $d (i32.add (local.get $d) (local.get $coBytes)))
              (br_if $lx (local.tee $x (i32.sub (local.get $x) (i32.const 1)))))
            (br_if $ly (i32.lt_s (local.tee $y (i32.add (local.get $y) (i32.const 1))) (local.get $y1))))
          (local.set $t (call $dwAddr (local.get $dw) (local.get $rb) (local.get $rows) (local.get $coBytes) (local.get $cb)))
          (v128.store offset=0 (local.get $t) (local.get $c00)) (v128.store offset=16 (local.get $t) (local.get $c01))
          (if (i32.lt_s (i32.add (local.get $rb) (i32.const 1)) (local.get $rows)) (then
            (local.set $t (i32.add (local.get $t) (local.get $coBytes)))
            (v128.store offset=0 (local.get $t) (local.get $c10)) (v128.store offset=16 (local.get $t) (local.get $c11))))
          (if (i32.lt_s (i32.add (local.get $rb) (i32.const 2)) (local.get $rows)) (then
            (local.set $t (i32.add (local.get $t) (local.get $coBytes)))
            (v128.store offset=0 (local.get $t) (local.get $c20)) (v128.store offset=16 (local.get $t) (local.get $c21))))
          (if (i32.lt_s (i32.add (local.get $rb) (i32.const 3)) (local.get $rows)) (then
            (local.set $t (i32.add (local.get $t) (local.get $coBytes)))
            (v128.store offset=0 (local.get $t) (local.get $c30)) (v128.store offset=16 (local.get $t) (local.get $c31))))
          (br_if $lrb (i32.lt_s (local.tee $rb (i32.add (local.get $rb) (i32.const 4))) (local.get $rows))))
        (br_if $lcb (i32.lt_s (local.tee $cb (i32.add (local.get $cb) (i32.const 8))) (local.get $co))))
      (br_if $ly0 (i32.lt_s (local.tee $y0 (local.get $y1)) (local.get $oh))))
    (br_if $lb (i32.lt_s (local.tee $b (i32.add (local.get $b) (i32.const 1))) (local.get $n)))))

;; Byte offset in xp, from an output pixel's top-left input, of filter row min(r, rows-1) = (kh, kw, c).
(func $rowOffset (param $r i32) (param $rows i32) (param $ci i32) (param $fw i32) (param $wp i32) (result i32)
  (local $t i32)
  (if (i32.ge_s (local.get $r) (local.get $rows)) (then (local.set $r (i32.sub (local.get $rows) (i32.const 1)))))
  (local.set $t (i32.div_u (local.get $r) (local.get $ci)))
  (i32.shl (i32.add (i32.mul (i32.add (i32.mul (i32.div_u (local.get $t) (local.get $fw)) (local.get $wp)) (i32.rem_u (local.get $t) (local.get $fw)))
    (local.get $ci)) (i32.sub (local.get $r) (i32.mul (local.get $t) (local.get $ci)))) (i32.const 2)))

;; Address of dw[min(r, rows-1), cb].
(func $dwAddr (param $dw i32) (param $r i32) (param $rows i32) (param $coBytes i32) (param $cb i32) (result i32)
  (if (i32.ge_s (local.get $r) (local.get $rows)) (then (local.set $r (i32.sub (local.get $rows) (i32.const 1)))))
  (i32.add (local.get $dw) (i32.add (i32.mul (local.get $r) (local.get $coBytes)) (i32.shl (local.get $cb) (i32.const 2)))))
