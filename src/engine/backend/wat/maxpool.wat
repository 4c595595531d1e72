;; Max-pool gradient over channels [c0, c1) (a multiple of 4 wide), 4 channels per SIMD op;
;; maxPoolGradTail does single channels. Each window routes dy to its first maximum in row-major
;; window order, as tfjs's cpu backend does (tfjs-backend-wasm takes the last): ties matter,
;; since ReLU feeds the pool many equal zeros. With overlap = 0 (windows that do not overlap)
;; each window stores its gradients; otherwise it adds them to dx. Either way the caller zeroes
;; the inputs no window writes.
(func (export "maxPoolGrad")
  (param $dy i32) (param $x i32) (param $dx i32) (param $n i32) (param $h i32) (param $w i32) (param $c i32)
  (param $oh i32) (param $ow i32) (param $fh i32) (param $fw i32) (param $sh i32) (param $sw i32) (param $pt i32) (param $pl i32)
  (param $c0 i32) (param $c1 i32) (param $overlap i32)
  (local $b i32) (local $y i32) (local $xo i32) (local $cv i32) (local $ky i32) (local $kx i32)
  (local $iy i32) (local $ix i32) (local $off i32) (local $rowBase i32)
  (local $best v128) (local $idx v128) (local $v v128) (local $m v128) (local $g v128)
  (loop $lb
    (local.set $y (i32.const 0))
    (loop $ly
      (local.set $xo (i32.const 0))
      (loop $lx
        (local.set $cv (local.get $c0))
        (loop $lc
          (local.set $best (v128.const f32x4 -inf -inf -inf -inf))
          (local.set $idx (v128.const i32x4 -1 -1 -1 -1))
          ;; Pass 1: the window's first maximum per lane.
          (local.set $ky (i32.const 0))
          (loop $lky
            (local.set $iy (i32.sub (i32.add (i32.mul (local.get $y) (local.get $sh)) (local.get $ky)) (local.get $pt)))
            (if (i32.and (i32.ge_s (local.get $iy) (i32.const 0)) (i32.lt_s (local.get $iy) (local.get $h)))
              (then
                (local.set $rowBase (i32.mul (i32.add (i32.mul (local.get $b) (local.get $h)) (local.get $iy)) (local.get $w)))
                (local.set $kx (i32.const 0))
                (loop $lkx
                  (local.set $ix (i32.sub (i32.add (i32.mul (local.get $xo) (local.get $sw)) (local.get $kx)) (local.get $pl)))
                  (if (i32.and (i32.ge_s (local.get $ix) (i32.const 0)) (i32.lt_s (local.get $ix) (local.get $w)))
                    (then
                      (local.set $off (i32.shl (i32.add (i32.mul (i32.add (local.get $rowBase) (local.get $ix)) (local.get $c)) (local.get $cv)) (i32.const 2)))
                      (local.set $v (v128.load (i32.add (local.get $x) (local.get $off))))
                      (local.set $m (f32x4.gt (local.get $v) (local.get $best)))
                      (local.set $best (v128.bitselect (local.get $v) (local.get $best) (local.get $m)))
                      (local.set $idx (v128.bitselect (i32x4.splat (i32.add (i32.mul (local.get $ky) (local.get $fw)) (local.get $kx))) (local.get $idx) (local.get $m)))))
                  (br_if $lkx (i32.lt_s (local.tee $kx (i32.add (local.get $kx) (i32.const 1))) (local.get $fw))))))
            (br_if $lky (i32.lt_s (local.tee $ky (i32.add (local.get $ky) (i32.const 1))) (local.get $fh))))
          ;; Pass 2: add dy to the winning input in each lane.
          (local.set $g (v128.load (i32.add (local.get $dy) (i32.shl
            (i32.add (i32.mul (i32.add (i32.mul (i32.add (i32.mul (local.get $b) (local.get $oh)) (local.get $y)) (local.get $ow)) (local.get $xo)) (local.get $c)) (local.get $cv))
            (i32.const 2)))))
          (local.set $ky (i32.const 0))
          (loop $lky2
            (local.set $iy (i32.sub (i32.add (i32.mul (local.get $y) (local.get $sh)) (local.get $ky)) (local.get $pt)))
            (if (i32.and (i32.ge_s (local.get $iy) (i32.const 0)) (i32.lt_s (local.get $iy) (local.get $h)))
              (then
                (local.set $rowBase (i32.mul (i32.add (i32.mul (local.get $b) (local.get $h)) (local.get $iy)) (local.get $w)))
                (local.set $kx (i32.const 0))
                (loop $lkx2
                  (local.set $ix (i32.sub (i32.add (i32.mul (local.get $xo) (local.get $sw)) (local.get $kx)) (local.get $pl)))
                  (if (i32.and (i32.ge_s (local.get $ix) (i32.const 0)) (i32.lt_s (local.get $ix) (local.get $w)))
                    (then
                      (local.set $off (i32.add (local.get $dx) (i32.shl (i32.add (i32.mul (i32.add (local.get $rowBase) (local.get $ix)) (local.get $c)) (local.get $cv)) (i32.const 2))))
                      (local.set $m (i32x4.eq (local.get $idx) (i32x4.splat (i32.add (i32.mul (local.get $ky) (local.get $fw)) (local.get $kx)))))
                      (local.set $m (v128.and (local.get $g) (local.get $m)))
                      (if (local.get $overlap) (then (local.set $m (f32x4.add (v128.load (local.get $off)) (local.get $m)))))
                      (v128.store (local.get $off) (local.get $m))))
                  (br_if $lkx2 (i32.lt_s (local.tee $kx (i32.add (local.get $kx) (i32.const 1))) (local.get $fw))))))
            (br_if $lky2 (i32.lt_s (local.tee $ky (i32.add (local.get $ky) (i32.const 1))) (local.get $fh))))
          (br_if $lc (i32.lt_s (local.tee $cv (i32.add (local.get $cv) (i32.const 4))) (local.get $c1))))
        (br_if $lx (i32.lt_s (local.tee $xo (i32.add (local.get $xo) (i32.const 1))) (local.get $ow))))
      (br_if $ly (i32.lt_s (local.tee $y (i32.add (local.get $y) (i32.const 1))) (local.get $oh))))
    (br_if $lb (i32.lt_s (local.tee $b (i32.add (local.get $b) (i32.const 1))) (local.get $n)))))

(func (export "maxPoolGradTail")
  (param $dy i32) (param $x i32) (param $dx i32) (param $n i32) (param $h i32) (param $w i32) (param $c i32)
  (param $oh i32) (param $ow i32) (param $fh i32) (param $fw i32) (param $sh i32) (param $sw i32) (param $pt i32) (param $pl i32)
  (param $c0 i32) (param $c1 i32) (param $overlap i32)
  (local $b i32) (local $y i32) (local $xo i32) (local $cv i32) (local $ky i32) (local $kx i32)
  (local $iy i32) (local $ix i32) (local $off i32) (local $rowBase i32)
  (local $best f32) (local $idx i32) (local $v f32) (local $g f32)
  (loop $lb
    (local.set $y (i32.const 0))
    (loop $ly
      (local.set $xo (i32.const 0))
      (loop $lx
        (local.set $cv (local.get $c0))
        (loop $lc
          (local.set $best (f32.const -inf))
          (local.set $idx (i32.const -1))
          ;; Pass 1: the window's first maximum per lane.
          (local.set $ky (i32.const 0))
          (loop $lky
            (local.set $iy (i32.sub (i32.add (i32.mul (local.get $y) (local.get $sh)) (local.get $ky)) (local.get $pt)))
            (if (i32.and (i32.ge_s (local.get $iy) (i32.const 0)) (i32.lt_s (local.get $iy) (local.get $h)))
              (then
                (local.set $rowBase (i32.mul (i32.add (i32.mul (local.get $b) (local.get $h)) (local.get $iy)) (local.get $w)))
                (local.set $kx (i32.const 0))
                (loop $lkx
                  (local.set $ix (i32.sub (i32.add (i32.mul (local.get $xo) (local.get $sw)) (local.get $kx)) (local.get $pl)))
                  (if (i32.and (i32.ge_s (local.get $ix) (i32.const 0)) (i32.lt_s (local.get $ix) (local.get $w)))
                    (then
                      (local.set $off (i32.shl (i32.add (i32.mul (i32.add (local.get $rowBase) (local.get $ix)) (local.get $c)) (local.get $cv)) (i32.const 2)))
                      (local.set $v (f32.load (i32.add (local.get $x) (local.get $off))))
                      (if (f32.gt (local.get $v) (local.get $best)) (then
                        (local.set $best (local.get $v))
                        (local.set $idx (i32.add (i32.mul (local.get $ky) (local.get $fw)) (local.get $kx)))))))
                  (br_if $lkx (i32.lt_s (local.tee $kx (i32.add (local.get $kx) (i32.const 1))) (local.get $fw))))))
            (br_if $lky (i32.lt_s (local.tee $ky (i32.add (local.get $ky) (i32.const 1))) (local.get $fh))))
          ;; Pass 2: add dy to the winning input in each lane.
          (local.set $g (f32.load (i32.add (local.get $dy) (i32.shl
            (i32.add (i32.mul (i32.add (i32.mul (i32.add (i32.mul (local.get $b) (local.get $oh)) (local.get $y)) (local.get $ow)) (local.get $xo)) (local.get $c)) (local.get $cv))
            (i32.const 2)))))
          (local.set $ky (i32.const 0))
          (loop $lky2
            (local.set $iy (i32.sub (i32.add (i32.mul (local.get $y) (local.get $sh)) (local.get $ky)) (local.get $pt)))
            (if (i32.and (i32.ge_s (local.get $iy) (i32.const 0)) (i32.lt_s (local.get $iy) (local.get $h)))
              (then
                (local.set $rowBase (i32.mul (i32.add (i32.mul (local.get $b) (local.get $h)) (local.get $iy)) (local.get $w)))
                (local.set $kx (i32.const 0))
                (loop $lkx2
                  (local.set $ix (i32.sub (i32.add (i32.mul (local.get $xo) (local.get $sw)) (local.get $kx)) (local.get $pl)))
                  (if (i32.and (i32.ge_s (local.get $ix) (i32.const 0)) (i32.lt_s (local.get $ix) (local.get $w)))
                    (then
                      (local.set $off (i32.add (local.get $dx) (i32.shl (i32.add (i32.mul (i32.add (local.get $rowBase) (local.get $ix)) (local.get $c)) (local.get $cv)) (i32.const 2))))
                      (local.set $v (select (local.get $g) (f32.const 0)
                        (i32.eq (local.get $idx) (i32.add (i32.mul (local.get $ky) (local.get $fw)) (local.get $kx)))))
                      (if (local.get $overlap) (then (local.set $v (f32.add (f32.load (local.get $off)) (local.get $v)))))
                      (f32.store (local.get $off) (local.get $v))))
                  (br_if $lkx2 (i32.lt_s (local.tee $kx (i32.add (local.get $kx) (i32.const 1))) (local.get $fw))))))
            (br_if $lky2 (i32.lt_s (local.tee $ky (i32.add (local.get $ky) (i32.const 1))) (local.get $fh))))
          (br_if $lc (i32.lt_s (local.tee $cv (i32.add (local.get $cv) (i32.const 1))) (local.get $c1))))
        (br_if $lx (i32.lt_s (local.tee $xo (i32.add (local.get $xo) (i32.const 1))) (local.get $ow))))
      (br_if $ly (i32.lt_s (local.tee $y (i32.add (local.get $y) (i32.const 1))) (local.get $oh))))
    (br_if $lb (i32.lt_s (local.tee $b (i32.add (local.get $b) (i32.const 1))) (local.get $n)))))
