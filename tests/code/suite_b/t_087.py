from celery import shared_task

from lib.shell import run_pipeline

MEDIA_DIR = "/srv/media"


@shared_task(bind=True, max_retries=3)
def watermark_image(self, message):
    asset_id = int(message["asset_id"])
    text = message.get("watermark", "example.com")
    src = f"{MEDIA_DIR}/{asset_id}.png"
    dst = f"{MEDIA_DIR}/{asset_id}-wm.png"
    cmd = 'convert %s -gravity south -annotate +0+10 "%s" %s' % (src, text, dst)
    result = run_pipeline(cmd)
    if result.returncode != 0:
        raise self.retry(countdown=30)
    return {"asset_id": asset_id, "output": dst}
