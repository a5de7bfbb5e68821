/* Check-in for staff on a phone: type the badge code, use a scanner that types it, or
   read the QR code with the camera (the browser's BarcodeDetector, else jsQR). After
   each answer the field is cleared and focused for the next badge. */
(function () {
  "use strict";

  function setUp() {
    var form = document.querySelector("[data-check-in-form]");
    if (!form) {
      return;
    }
    var input = form.querySelector("input[name=code]");
    var scanButton = form.querySelector("[data-scan]");
    var video = form.querySelector("[data-scan-video]");
    var canvas = document.createElement("canvas");
    var detector = null;
    var stream = null;
    var lastCode = "";

    if (input && !input.value) {
      input.focus();
    }

    form.addEventListener("htmx:afterRequest", function () {
      input.value = "";
      input.focus();
    });

    function submit(code) {
      if (code === lastCode) {
        return;
      }
      lastCode = code;
      window.setTimeout(function () { lastCode = ""; }, 3000);
      input.value = code;
      if (typeof form.requestSubmit === "function") {
        form.requestSubmit();
      } else {
        form.submit();
      }
    }

    function readFrame() {
      if (!stream) {
        return;
      }
      if (video.readyState >= 2) {
        if (detector) {
          detector.detect(video).then(function (codes) {
            if (codes.length) {
              submit(codes[0].rawValue);
            }
          }).catch(function () { /* the next frame is tried */ });
        } else if (typeof window.jsQR === "function") {
          canvas.width = video.videoWidth;
          canvas.height = video.videoHeight;
          var context = canvas.getContext("2d");
          context.drawImage(video, 0, 0, canvas.width, canvas.height);
          var image = context.getImageData(0, 0, canvas.width, canvas.height);
          var found = window.jsQR(image.data, image.width, image.height, { inversionAttempts: "dontInvert" });
          if (found && found.data) {
            submit(found.data);
          }
        }
      }
      window.setTimeout(readFrame, 250);
    }

    function startCamera() {
      navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (media) {
        stream = media;
        video.srcObject = media;
        video.hidden = false;
        video.play();
        if ("BarcodeDetector" in window) {
          detector = new window.BarcodeDetector({ formats: ["qr_code"] });
        }
        readFrame();
      }).catch(function () {
        scanButton.hidden = true;
      });
    }

    if (scanButton && navigator.mediaDevices && navigator.mediaDevices.getUserMedia) {
      scanButton.hidden = false;
      scanButton.addEventListener("click", function () {
        if (stream) {
          stream.getTracks().forEach(function (track) { track.stop(); });
          stream = null;
          video.hidden = true;
        } else {
          startCamera();
        }
      });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
