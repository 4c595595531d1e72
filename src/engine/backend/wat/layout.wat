;; Data movement for the convolution kernels.

;; Patch matrix for Conv2DBackpropFilter at strides above 1, transposed so that XNNPACK's fast
;; matmul path (no transposes, batch 1) computes dW = im2colT(x) · dy.
;; dst[r][p], r = (kh*fw + kw)*c + ci, p = (b*oh + y)*ow + x, holds
;; src[b, y*sh + kh - pt, x*sw + kw - pl, ci] (NHWC), or 0 outside the image.
(func (export "im2colT")
  (param $src i32) (param $dst i32) (param $n i32) (param $h i32) (param $w i32) (param $c i32)
  (param $fh i32) (param $fw i32) (param $oh i32) (param $ow i32)
  (param $sh i32) (param $sw i32) (param $pt i32) (param $pl i32)
  (local $kh i32) (local $kw i32) (local $ci i32) (local $b i32) (local $y i32) (local $iy i32)
  (local $x0 i32) (local $x1 i32) (local $x i32) (local $p i32) (local $step i32)
  (local.set $step (i32.shl (i32.mul (local.get $sw) (local.get $c)) (i32.const 2)))
  (loop $lkh
    (local.set $kw (i32.const 0))
    (loop $lkw
      ;; Output columns [x0, x1) read inside the image for this tap.
      (local.set $x0 (i32.const 0))
      (block $d0 (loop $l0
        (br_if $d0 (i32.ge_s (local.get $x0) (local.get $ow)))
        (br_if $d0 (i32.ge_s (i32.sub (i32.add (i32.mul (local.get $x0) (local.get $sw)) (local.get $kw)) (local.get $pl)) (i32.const 0)))
        (local.set $x0 (i32.add (local.get $x0) (i32.const 1)))
        (br $l0)))
      (local.set $x1 (local.get $ow))
      (block $d1 (loop $l1
        (br_if $d1 (i32.le_s (local.get $x1) (local.get $x0)))
        (br_if $d1 (i32.lt_s (i32.sub (i32.add (i32.mul (i32.sub (local.get $x1) (i32.const 1)) (local.get $sw)) (local.get $kw)) (local.get $pl)) (local.get $w)))
        (local.set $x1 (i32.sub (local.get $x1) (i32.const 1)))
        (br $l1)))
      (local.set $ci (i32.const 0))
      (loop $lci
        (local.set $b (i32.const 0))
        (loop $lb
          (local.set $y (i32.const 0))
          (loop $ly
            (local.set $iy (i32.sub (i32.add (i32.mul (local.get $y) (local.get $sh)) (local.get $kh)) (local.get $pt)))
            (if (i32.or (i32.lt_s (local.get $iy) (i32.const 0)) (i32.ge_s (local.get $iy) (local.get $h)))
              (then
                (memory.fill (local.get $dst) (i32.const 0) (i32.shl (local.get $ow) (i32.const 2)))
                (local.set $dst (i32.add (local.get $dst) (i32.shl (local.get $ow) (i32.const 2)))))
              (else
                (memory.fill (local.get $dst) (i32.const 0) (i32.shl (local.get $x0) (i32.const 2)))
                (local.set $dst (i32.add (local.get $dst) (i32.shl (local.get $x0) (i32.const 2))))
                ;; p = &src[b, iy, x0*sw + kw - pl, ci]
                (local.set $p (i32.add (local.get $src) (i32.shl
                  (i32.add (i32.mul (i32.add (i32.mul (i32.add (i32.mul (local.get $b) (local.get $h)) (local.get $iy)) (local.get $w))
                    (i32.sub (i32.add (i32.mul (local.get $x0) (local.get $sw)) (local.get $kw)) (local.get $pl))) (local.get $c)) (local.get $ci))
                  (i32.const 2))))
                (local.set $x (local.get $x0))
                (block $dx (loop $lx
                  (br_if $dx (i32.ge_s (local.get $x) (local.get $x1)))
                  (f32.store (local.get $dst) (f32.load (local.get $p)))
                  (local.set $dst (i32.add (local.get $dst) (i32.const 4)))
                  (local.set $p (i32.add (local.get $p) (local.get $step)))
                  (local.set $x (i32.add (local.get $x) (i32.const 1)))
                  (br $lx)))
                (memory.fill (local.get $dst) (i32.const 0) (i32.shl (i32.sub (local.get $ow) (local.get $x1)) (i32.const 2)))
                (local.set $dst (i32.add (local.get $dst) (i32.shl (i32.sub (local.get $ow) (local.get $x1)) (i32.const 2))))))
            (br_if $ly (i32.lt_s (local.tee $y (i32.add (local.get $y) (i32.const 1))) (local.get $oh))))
          (br_if $lb (i32.lt_s (local.tee $b (i32.add (local.get $b) (i32.const 1))) (local.get $n))))
        (br_if $lci (i32.lt_s (local.tee $ci (i32.add (local.get $ci) (i32.const 1))) (local.get $c))))
      (br_if $lkw (i32.lt_s (local.tee $kw (i32.add (local.get $kw) (i32.const 1))) (local.get $fw))))
    (br_if $lkh (i32.lt_s (local.tee $kh (i32.add (local.get $kh) (i32.const 1))) (local.get $fh)))))

;; Filter of the transposed convolution: dst[kh, kw, co, ci] = src[fh-1-kh, fw-1-kw, ci, co].
(func (export "flipFilter")
  (param $src i32) (param $dst i32) (param $fh i32) (param $fw i32) (param $ci i32) (param $co i32)
  (local $t i32) (local $taps i32) (local $o i32) (local $i i32) (local $base i32)
  (local.set $taps (i32.mul (local.get $fh) (local.get $fw)))
  (loop $lt
    ;; Taps are stored row-major, so tap t of the flipped filter is tap taps-1-t of the source.
    (local.set $base (i32.add (local.get $src) (i32.shl
      (i32.mul (i32.sub (i32.sub (local.get $taps) (i32.const 1)) (local.get $t)) (i32.mul (local.get $ci) (local.get $co)))
      (i32.const 2))))
    (local.set $o (i32.const 0))
    (loop $lo
      (local.set $i (i32.const 0))
      (loop $li
        (f32.store (local.get $dst) (f32.load (i32.add (local.get $base)
          (i32.shl (i32.add (i32.mul (local.get $i) (local.get $co)) (local.get $o)) (i32.const 2)))))
        (local.set $dst (i32.add (local.get $dst) (i32.const 4)))
        (br_if $li (i32.lt_s (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $ci))))
      (br_if $lo (i32.lt_s (local.tee $o (i32.add (local.get $o) (i32.const 1))) (local.get $co))))
    (br_if $lt (i32.lt_s (local.tee $t (i32.add (local.get $t) (i32.const 1))) (local.get $taps)))))

;; Zero padding of an NHWC tensor in height and width: dst is [n, h+pt+pb, w+pl+pr, c].
(func (export "padSpatial")
  (param $src i32) (param $dst i32) (param $n i32) (param $h i32) (param $w i32) (param $c i32)
  (param $pt i32) (param $pb i32) (param $pl i32) (param $pr i32)
  (local $b i32) (local $y i32) (local $px i32) (local $row i32) (local $edge i32) (local $band i32)
  (local.set $px (i32.shl (local.get $c) (i32.const 2)))
  (local.set $row (i32.mul (local.get $w) (local.get $px)))
  (local.set $edge (i32.mul (local.get $pl) (local.get $px)))
  (loop $lb
    ;; Top band, then each row with its left and right margins, then the bottom band.
    (local.set $band (i32.mul (i32.mul (local.get $pt) (i32.add (i32.add (local.get $w) (local.get $pl)) (local.get $pr))) (local.get $px)))
    (memory.fill (local.get $dst) (i32.const 0) (local.get $band))
    (local.set $dst (i32.add (local.get $dst) (local.get $band)))
    (local.set $y (i32.const 0))
    (loop $ly
      (memory.fill (local.get $dst) (i32.const 0) (local.get $edge))
      (memory.copy (i32.add (local.get $dst) (local.get $edge)) (local.get $src) (local.get $row))
      (local.set $dst (i32.add (local.get $dst) (i32.add (local.get $edge) (local.get $row))))
      (memory.fill (local.get $dst) (i32.const 0) (i32.mul (local.get $pr) (local.get $px)))
      (local.set $dst (i32.add (local.get $dst) (i32.mul (local.get $pr) (local.get $px))))
      (local.set $src (i32.add (local.get $src) (local.get $row)))
      (br_if $ly (i32.lt_s (local.tee $y (i32.add (local.get $y) (i32.const 1))) (local.get $h))))
    (local.set $band (i32.mul (i32.mul (local.get $pb) (i32.add (i32.add (local.get $w) (local.get $pl)) (local.get $pr))) (local.get $px)))
    (memory.fill (local.get $dst) (i32.const 0) (local.get $band))
    (local.set $dst (i32.add (local.get $dst) (local.get $band)))
    (br_if $lb (i32.lt_s (local.tee $b (i32.add (local.get $b) (i32.const 1))) (local.get $n)))))
